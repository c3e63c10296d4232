"""Stage 3 — data strategy: the spec's scoring matrix, the caching decision, ORM and backups.

Reads Stage 1 output only (signals, and the domain model for the entities worth caching).
The matrix weights live in ``knowledge/scoring.yaml``; each rule names a predicate defined here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from archwright import catalog
from archwright.decide.extensions import in_layer
from archwright.decide.runtime import primary_language
from archwright.intake.lexicon import lexicon
from archwright.models.decisions import (
    BackupStrategy,
    CachingStrategy,
    DataStrategy,
    DbFamily,
    ScoreLine,
    ScoringMatrix,
    SecondaryDatabase,
)
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals
from archwright.models.technology import Technology

FAMILIES: tuple[DbFamily, ...] = (
    "sql",
    "document",
    "key_value",
    "wide_column",
    "time_series",
    "graph",
)
FAMILY_LABEL: dict[str, str] = {
    "sql": "SQL",
    "document": "Document",
    "key_value": "Key-value",
    "wide_column": "Wide-column",
    "time_series": "Time-series",
    "graph": "Graph",
}


@cache
def matrix() -> ScoringMatrix:
    return catalog.load_model("scoring.yaml", ScoringMatrix)


def _archetype_has(signals: Signals, words: list[str]) -> bool:
    archetype = signals.product.archetype.value.lower()
    return any(w in archetype for w in words)


def wanted(signals: Signals) -> list[str]:
    """What the user asked to use, as written: their stack, then every preference that is not
    an "avoid" ("no MongoDB" names MongoDB too)."""
    return [*signals.stated_stack] + [
        p.requested for p in signals.preferences if getattr(p, "stance", "use") != "avoid"
    ]


def avoided_families(signals: Signals) -> list[DbFamily]:
    """Database families the user said to avoid ("avoid graph databases", "no MongoDB")."""
    out: list[DbFamily] = []
    words = matrix().product_words
    for p in signals.preferences:
        if getattr(p, "stance", "use") != "avoid":
            continue
        fam = getattr(p, "family", None)
        if fam in FAMILIES and fam not in out:
            out.append(fam)
            continue
        low = p.requested.lower()
        for word, entry in words.items():
            if entry.product and _mentions(low, word) and entry.family not in out:
                out.append(entry.family)
    return out


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


@cache
def _product_regex() -> re.Pattern[str]:
    words = sorted(matrix().product_words, key=len, reverse=True)  # longest first: "sql server"
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![a-z0-9])({alternation})(?![a-z0-9])")


@cache
def _named(texts: tuple[str, ...], databases_only: bool) -> tuple[tuple[str, DbFamily], ...]:
    words = matrix().product_words
    out: list[tuple[str, DbFamily]] = []
    for raw in texts:
        for m in _product_regex().finditer(raw.lower()):
            entry = words[m.group(1)]
            if entry.product is None and databases_only:
                continue
            item = (entry.product or m.group(1), entry.family)
            if item not in out:
                out.append(item)
    return tuple(out)


def named_families(signals: Signals, *, databases_only: bool = True) -> list[tuple[str, DbFamily]]:
    """(canonical product, family) for every database the user named, in the order named.

    With ``databases_only=False`` ORMs and frameworks count too (as SQL experience)."""
    return list(_named(tuple(wanted(signals)), databases_only))


def _stack_has_sql(signals: Signals) -> bool:
    return any(f == "sql" for _, f in named_families(signals, databases_only=False))


Predicate = Callable[[Signals], bool]

#: predicate name (``when`` in scoring.yaml) -> test over Stage 1 signals
PREDICATES: dict[str, Predicate] = {
    "relationships_highly_relational": lambda s: s.data.relationships.value == "highly_relational",
    "relationships_document": lambda s: s.data.relationships.value == "document",
    "relationships_key_value": lambda s: s.data.relationships.value == "key_value",
    "relationships_graph": lambda s: s.data.relationships.value == "graph",
    "not_graph": lambda s: s.data.relationships.value != "graph",
    "sensitivity_financial_or_health": lambda s: (
        s.data.sensitivity.value in ("financial", "health")
    ),
    "sensitivity_financial": lambda s: s.data.sensitivity.value == "financial",
    "consistency_strong": lambda s: s.data.consistency.value == "strong",
    "schema_fixed": lambda s: s.data.schema_stability.value == "fixed",
    "schema_rapidly_changing": lambda s: s.data.schema_stability.value == "rapidly_changing",
    "schema_rapidly_changing_or_varies": lambda s: (
        s.data.schema_stability.value in ("rapidly_changing", "varies_per_record")
    ),
    "stack_has_sql": _stack_has_sql,
    "volume_over_1tb": lambda s: s.data.volume.value == "gt_1tb",
    "volume_not_over_1tb": lambda s: s.data.volume.value != "gt_1tb",
    "product_consumer_app": lambda s: s.product.product_type.value == "consumer_app",
    "geo_global": lambda s: s.scale.geo_distribution.value == "global",
    "geo_multi_or_global": lambda s: s.scale.geo_distribution.value in ("multi_region", "global"),
    "read_ge_4": lambda s: s.behavior.read_intensity.score >= 4,
    "realtime_ge_4": lambda s: s.behavior.real_time_intensity.score >= 4,
    "write_ge_4": lambda s: s.behavior.write_intensity.score >= 4,
    "write_lt_4": lambda s: s.behavior.write_intensity.score < 4,
    "product_iot_monitoring_analytics": lambda s: (
        s.product.product_type.value == "iot"
        or _archetype_has(s, matrix().time_series_archetype_words)
    ),
    "write_ge_4_and_time_series": lambda s: (
        s.behavior.write_intensity.score >= 4 and s.data.relationships.value == "time_series"
    ),
    "compute_window_aggregations": lambda s: (
        s.behavior.compute_intensity.score >= 3
        and (
            s.data.relationships.value == "time_series"
            or _archetype_has(s, matrix().time_series_archetype_words)
        )
    ),
    "traversal_queries": lambda s: (
        s.data.relationships.value == "graph"
        or _archetype_has(s, matrix().traversal_archetype_words)
    ),
    "partition_keyed": lambda s: s.data.relationships.value in ("time_series", "key_value"),
}


def _scoring_key(s: Signals) -> tuple[object, ...]:
    """Every Stage 1 value a scoring predicate reads (the memo key of :func:`score_totals`)."""
    b, d = s.behavior, s.data
    return (
        d.relationships.value,
        d.schema_stability.value,
        d.volume.value,
        d.sensitivity.value,
        d.consistency.value,
        s.product.product_type.value,
        s.product.archetype.value,
        s.scale.geo_distribution.value,
        b.read_intensity.score,
        b.write_intensity.score,
        b.real_time_intensity.score,
        b.compute_intensity.score,
        tuple(wanted(s)),
    )


_TOTALS_MEMO: dict[tuple[object, ...], dict[DbFamily, int]] = {}


def score_totals(signals: Signals) -> dict[DbFamily, int]:
    """Every family's total (the cheap core the sensitivity analysis re-runs many times over
    alternatives that mostly leave the data fields alone, hence the memo)."""
    key = _scoring_key(signals)
    hit = _TOTALS_MEMO.get(key)
    if hit is not None:
        return dict(hit)
    totals: dict[DbFamily, int] = dict.fromkeys(FAMILIES, 0)
    for rule in matrix().rules:
        if PREDICATES[rule.when](signals):
            totals[rule.family] += rule.points
    if len(_TOTALS_MEMO) > 4096:  # bound memory in long-running servers
        _TOTALS_MEMO.clear()
    _TOTALS_MEMO[key] = totals
    return dict(totals)


def score_families(signals: Signals) -> tuple[dict[DbFamily, int], list[ScoreLine]]:
    """Every family's total and the lines that made it, in matrix order."""
    totals: dict[DbFamily, int] = dict.fromkeys(FAMILIES, 0)
    lines: list[ScoreLine] = []
    for rule in matrix().rules:
        if PREDICATES[rule.when](signals):
            totals[rule.family] += rule.points
            lines.append(ScoreLine(family=rule.family, points=rule.points, reason=rule.text))
    return totals, lines


def excluded_families(signals: Signals) -> dict[DbFamily, str]:
    """Families that may not be primary, and why (the Stage 3 gate and the key-value note)."""
    out: dict[DbFamily, str] = {}
    sens = signals.data.sensitivity.value
    if sens in ("financial", "health"):
        for fam in matrix().eventually_consistent:
            out[fam] = (
                f"gate: data_sensitivity = {sens} — an eventually-consistent store may not hold "
                "the system of record"
            )
    elif signals.data.consistency.value == "strong":
        # the spec's gate names financial and health data; Stage 10 (AW-ENG-006) also holds a
        # stated strong-consistency requirement to it, so the matrix must not pick what the
        # gate then fails (a game where players trade items scored MongoDB +1 against SQL's 0)
        for fam in matrix().eventually_consistent:
            out[fam] = (
                "gate: consistency_requirement = strong — an eventually-consistent store may not "
                "hold the system of record"
            )
    for fam in avoided_families(signals):
        out.setdefault(fam, "you asked to avoid it")
    if "key_value" not in out and not PREDICATES["relationships_key_value"](signals):
        out["key_value"] = (
            "key-value stores are a secondary layer unless the product's primary function is "
            "session storage, caching or rate limiting"
        )
    return out


_CHOICE_MEMO: dict[tuple[object, ...], tuple[DbFamily, dict[DbFamily, int]]] = {}


def choose_family(signals: Signals) -> tuple[DbFamily, dict[DbFamily, int]]:
    """The winning family (highest eligible score, ties by the matrix's tie-break order).

    Memoised like :func:`score_totals` (the sensitivity analysis asks ~30 times a document):
    the exclusions read the data sensitivity and relationships (both in the scoring key) and
    the families the user said to avoid."""
    key = (_scoring_key(signals), tuple(avoided_families(signals)))
    hit = _CHOICE_MEMO.get(key)
    if hit is None:
        totals = score_totals(signals)
        excluded = excluded_families(signals)
        order = matrix().tie_break
        eligible = [f for f in order if f not in excluded] or ["sql"]
        best = max(eligible, key=lambda f: (totals[f], -order.index(f)))
        if len(_CHOICE_MEMO) > 4096:  # bound memory in long-running servers
            _CHOICE_MEMO.clear()
        hit = _CHOICE_MEMO[key] = (best, totals)
    return hit[0], dict(hit[1])


@cache
def holds_system_of_record(product: str) -> bool:
    """False for a named store the design cannot deliver as the system of record: its lexicon
    entry says ``system_of_record: false`` (schema.sql is PostgreSQL DDL and the store-specific
    artifacts are hypertables, MongoDB validators, CQL keys or Cypher constraints, none of which
    that engine takes). Such a store is kept beside the system of record or as the named
    alternative, never made it: the document would otherwise call it the database while every
    artifact is written for another engine."""
    return not any(
        t.regex.search(product) for t in lexicon().technologies if not t.system_of_record
    )


def _named_outside_matrix(signals: Signals) -> list[tuple[str, DbFamily]]:
    """Stores named as the primary database that cannot hold the system of record and that the
    matrix's product words do not know (QuestDB): they still need their conflict stated."""
    known = {n.lower() for n, _ in named_families(signals)}
    return [
        (p.requested, p.family)
        for p in signals.preferences
        if p.stance == "use"
        and p.subject == "primary_database"
        and p.family in FAMILIES
        and p.requested.lower() not in known
        and not holds_system_of_record(p.requested)
    ]


def product_for(family: DbFamily, signals: Signals) -> str:
    """The product for a family: a preference of that family if the user named one and the design
    can deliver it as the system of record (keep what works), else the cloud's managed product,
    else the default."""
    for name, fam in named_families(signals):
        if fam == family and family != "key_value" and holds_system_of_record(name):
            return name
    by_cloud = matrix().products[family]
    return by_cloud.get(signals.constraints.cloud_provider.value, by_cloud["default"])


def _fmt(points: int) -> str:
    return f"{points:+d}"


def _family_summary(family: DbFamily, totals: dict[DbFamily, int], lines: list[ScoreLine]) -> str:
    mine = [ln for ln in lines if ln.family == family]
    if not mine:
        return f"{FAMILY_LABEL[family]} {_fmt(totals[family])} (no rule applies)"
    parts = ", ".join(f"{_fmt(ln.points)} {ln.reason}" for ln in mine)
    return f"{FAMILY_LABEL[family]} {_fmt(totals[family])} ({parts})"


_SECONDARY_ROLE: dict[str, str] = {
    "document": "user activity logs and notification history (append-mostly, schemaless, "
    "no cross-record transactions)",
    "key_value": "cache and ephemeral state",
    "wide_column": "high-volume event/message history partitioned by key",
    "time_series": "metrics and time-windowed analytics",
    "graph": "a derived read model for multi-hop recommendation queries",
    "sql": "reporting and relational queries",
}

_RISK_OF_FAMILY: dict[str, str] = {
    "document": "non-atomic multi-record updates and audit trail gaps",
    "key_value": "access paths frozen at design time (no joins or ad-hoc queries; each new query "
    "needs a new key or index)",
    "wide_column": "no joins and no multi-partition transactions",
    "time_series": "poor fit for mutable relational records",
    "graph": "an unfamiliar engine for tabular data",
    "sql": "sharding work beyond a terabyte",
}


def _conflicts(
    signals: Signals, primary: DbFamily, primary_name: str, totals: dict[DbFamily, int]
) -> list[tuple[str, str, list[SecondaryDatabase], bool]]:
    """Every named store Stage 3 did not select: (name, why, where it is kept, whether it is a
    store of another family). One text per store, so each preference record cites its own."""
    # a key-value store named as a cache is a secondary by design; named as *the* database
    # ("we want to use DynamoDB") it is a primary the matrix overrode and must be said so
    kv_as_primary = any(
        p.stance == "use" and p.subject == "primary_database" and p.family == "key_value"
        for p in signals.preferences
    )
    out: list[tuple[str, str, list[SecondaryDatabase], bool]] = []
    for name, fam in [*named_families(signals), *_named_outside_matrix(signals)]:
        if fam == primary and not holds_system_of_record(name):
            text, kept = _beside_system_of_record(signals, name, fam, primary_name, totals)
            out.append((name, text, kept, False))
            continue
        if fam == primary or (fam == "key_value" and not kv_as_primary):
            continue
        failing = [ln for ln in score_families(signals)[1] if ln.family == fam and ln.points < 0]
        against = "; ".join(f"{_fmt(ln.points)} {ln.reason}" for ln in failing)
        # no rule penalises it: the winner simply scores higher, which is what to say
        text = (
            f"{name} was requested but scores {_fmt(totals[fam])}"
            + (f" ({against})" if against else "")
            + f" against {primary_name}'s {_fmt(totals[primary])}"
            + ("" if against else ", which fits the product's signals better")
            + f". Selecting {name} as the system of record risks {_RISK_OF_FAMILY[fam]}"
        )
        if signals.data.sensitivity.value in ("financial", "health"):
            text += f" for {signals.data.sensitivity.value} data"
        text += (
            f". {primary_name} is selected. {name} may be appropriate as a secondary store for "
            f"{_SECONDARY_ROLE[fam]}."
        )
        kept = []
        if fam != "key_value":  # that role is the cache layer's, which Stage 3 sizes on its own
            kept = [
                SecondaryDatabase(
                    technology=name,
                    family=fam,
                    purpose=f"{_SECONDARY_ROLE[fam]} — kept from your request; never the system "
                    "of record",
                    from_preference=True,
                )
            ]
        out.append((name, text, kept, True))
    return out


def _preference_conflict(
    signals: Signals, primary: DbFamily, primary_name: str, totals: dict[DbFamily, int]
) -> tuple[str | None, list[SecondaryDatabase]]:
    """A requested database Stage 3 did not select: state the conflict and keep it where it
    fits. Every store of the winning family that cannot hold the system of record is kept (each
    beside the primary or as the named alternative); of the stores of another family, the first
    named is (one secondary store from a request, as before)."""
    texts: list[str] = []
    kept: list[SecondaryDatabase] = []
    other_family_seen = False
    for _, text, secondaries, other_family in _conflicts(signals, primary, primary_name, totals):
        if other_family:
            if other_family_seen:
                continue
            other_family_seen = True
        texts.append(text)
        kept.extend(secondaries)
    return (" ".join(texts) or None), kept


def conflict_for(signals: Signals, data: DataStrategy, requested: str) -> str | None:
    """Stage 3's reason for not selecting the store the user named ``requested``, if any (the
    text the preference record cites: its own, never another store's)."""
    # the record holds the lexicon's name ("Cassandra"), Stage 3 the product's ("Apache Cassandra")
    names = {requested.lower()} | {n.lower() for n, _ in _named((requested,), True)}
    for name, text, _, _ in _conflicts(
        signals, data.primary_database_family, data.primary_database, data.scores
    ):
        if name.lower() in names:
            return text
    return None


#: Stage 1 fields that give a family its score, cited when a store is kept for that role
_FAMILY_EVIDENCE: dict[str, tuple[str, ...]] = {
    "time_series": ("data.relationships", "product.product_type", "behavior.write_intensity"),
    "graph": ("data.relationships",),
    "document": ("data.relationships", "data.schema_stability"),
    "wide_column": ("data.volume", "behavior.write_intensity"),
}


#: families whose store is worth running beside a same-family system of record: measurements
#: are commonly split into a metrics store next to the records; a second graph, document or
#: wide-column engine for the role the primary already plays would only duplicate it
_KEPT_BESIDE = frozenset({"time_series"})


def _stage1(signals: Signals, path: str) -> str:
    group, name = path.split(".")
    leaf = getattr(getattr(signals, group), name)
    value = getattr(leaf, "score", None)
    return f"{path} = {value if value is not None else leaf.value}"


def _beside_system_of_record(
    signals: Signals, name: str, fam: DbFamily, primary_name: str, totals: dict[DbFamily, int]
) -> tuple[str, list[SecondaryDatabase]]:
    """Comply and flag for a store of the winning family that cannot be the system of record
    (InfluxDB for an IoT product): the family's own engine holds the records the DDL describes,
    and the user's store is kept for the role its family scores for — beside it when the
    product's signals give that family a secondary role (the same +3 ``_secondaries`` asks
    for) and a second store of it is not redundant (``_KEPT_BESIDE``), else as the named
    alternative."""
    entry = next((t for t in _database_catalog() if t.name.lower() == name.lower()), None)
    why = (
        entry.not_when[0].removeprefix("the system of record: ")
        if entry is not None
        else "the design's schema (PostgreSQL DDL and its store-specific artifacts) does not "
        "apply to it"
    )
    cited = "; ".join(_stage1(signals, f) for f in _FAMILY_EVIDENCE.get(fam, ()))
    text = (
        f"{name} was requested as the database, but it cannot be the system of record as "
        f"designed: {why}. The {FAMILY_LABEL[fam].lower()} need is kept ({cited}; "
        f"{FAMILY_LABEL[fam]} {_fmt(totals[fam])}): {primary_name} is selected, and schema.sql, "
        "the migrations and the local environment are written for it"
    )
    if fam in _KEPT_BESIDE and totals[fam] >= 3:
        text += f". {name} is kept beside it as a secondary store for {_SECONDARY_ROLE[fam]}."
        return text, [
            SecondaryDatabase(
                technology=name,
                family=fam,
                purpose=f"{_SECONDARY_ROLE[fam]} — kept from your request beside "
                f"{primary_name}; never the system of record",
                from_preference=True,
            )
        ]
    text += f". {name} stays the named alternative."
    return text, []


def _database_catalog() -> tuple[Technology, ...]:
    return in_layer("database")


def _wrong_if(signals: Signals, primary: DbFamily) -> str:
    """A falsifiable condition: the single Stage 1 change that would flip the winner, if any."""
    base = {
        "sql": "a single primary cannot keep up — sustained writes beyond ~10,000 rows/s or hot "
        "data beyond ~5 TB after partitioning — or records turn out to vary in shape so much that "
        "most columns end up in JSONB",
        "document": "the product needs multi-record transactions or joins across collections "
        "(e.g. money or inventory moving between records)",
        "key_value": "the product needs queries other than lookups by key",
        "wide_column": "the product needs ad-hoc queries, joins or multi-partition transactions, "
        "or the data stays below a terabyte",
        "time_series": "most queries update or join records instead of aggregating over time "
        "windows",
        "graph": "queries stay one or two hops deep, which a relational join answers as fast",
    }[primary]
    # local: sensitivity imports us
    from archwright.decide.sensitivity import alternatives, with_values

    flips: list[str] = []
    for path in (
        "data.relationships",
        "data.schema_stability",
        "data.consistency",
        "data.sensitivity",
        "data.volume",
    ):
        for value, alt in with_values(signals, path, alternatives(signals, path)):
            fam, _ = choose_family(alt)
            if fam != primary:
                flips.append(f"{path} = {value} (→ {FAMILY_LABEL[fam]})")
                break
    text = f"{product_for(primary, signals)} is the wrong choice if {base}."
    if flips:
        text += " It would also change if Stage 1 is wrong about " + "; ".join(flips) + "."
    return text


def _caching(signals: Signals, domain: DomainModel) -> CachingStrategy:
    read = signals.behavior.read_intensity.score
    rt = signals.behavior.real_time_intensity.score
    sens = signals.data.sensitivity.value
    strong = signals.data.consistency.value == "strong"
    cloud = signals.constraints.cloud_provider.value
    cdn_name = {
        "aws": "Amazon CloudFront",
        "gcp": "Google Cloud CDN",
        "azure": "Azure Front Door",
    }.get(cloud, "Cloudflare")
    cdn = None
    if signals.scale.traffic_pattern.value in ("spiky", "unpredictable"):
        cdn = (
            f"{cdn_name} caches static assets and media (required for spiky traffic); edge "
            "caching of semi-static GET responses is evaluated per endpoint (Cache-Control: "
            "public, s-maxage=30, stale-while-revalidate=60 only on responses without user data)"
        )
    pubsub = None
    if rt >= 4:
        pubsub = (
            "Redis pub/sub routes WebSocket messages between gateway nodes; pub/sub keeps no "
            "messages, so each message is persisted to the primary store first and clients "
            "resume from their last seen id; presence keys expire after 60 s without a heartbeat"
        )
    if read < 3:
        return CachingStrategy(
            tool="Redis" if pubsub else None,
            pattern=None,
            pubsub=pubsub,
            cdn=cdn,
            invalidation_strategy=None,
        )
    hot = [e for e in domain.entities if e.hot] or [
        e for e in domain.entities if not e.append_only
    ][:2]
    if strong or sens in ("financial", "health"):
        pattern = "cache-aside"
        why = (
            "cache-aside with short TTLs: reads tolerate seconds of staleness only for display; "
            "every write goes to the primary inside its transaction and deletes the key after "
            "commit (write-behind would risk losing acknowledged writes)"
        )
        default_ttl, list_ttl = "60s", "15s"
    elif signals.behavior.write_intensity.score >= 4:
        pattern = "write-through"
        why = (
            "write-through: hot entities are written to the primary and the cache in the same "
            "request path so heavy read traffic never sees a cold key after a write"
        )
        default_ttl, list_ttl = "10m", "60s"
    else:
        pattern = "cache-aside"
        why = "cache-aside: read the cache, fall back to the primary and populate on miss"
        default_ttl, list_ttl = "15m", "60s"
    ttl: dict[str, str] = {}
    if not hot:
        ttl["entity reads"] = default_ttl
        ttl["list pages"] = list_ttl
    for e in hot:
        ttl[e.name] = "24h" if e.append_only else default_ttl
        ttl[f"{e.name} lists / feeds"] = list_ttl
    if signals.integration.auth_provider_needed.value:
        ttl["session"] = "matches the refresh-token lifetime; deleted on logout"
    if signals.constraints.budget_tier.value in ("bootstrapped", "seed", "unknown"):
        ttl["rate-limit counters"] = "the window length (e.g. 60s)"
    names = [e.name for e in hot]
    invalidation = (
        f"{why}. Per entity: on update or delete of {', '.join(names) or 'a cached row'} the "
        "service deletes `<entity>:<id>` after the transaction commits; list and feed pages are "
        "keyed by a per-owner version counter that is incremented on every write to that owner's "
        "items, so stale pages simply stop being read; TTL is the safety net, never the "
        "mechanism"
    )
    return CachingStrategy(
        tool="Redis",
        pattern=pattern,
        entities_cached=names,
        ttl_policy=ttl,
        invalidation_strategy=invalidation,
        pubsub=pubsub,
        cdn=cdn,
    )


#: (language, family) -> (ORM / query builder, migration tool). "*" = any SQL-family default.
_ORM: dict[tuple[str, str], tuple[str, str]] = {
    ("typescript", "sql"): ("Prisma", "Prisma Migrate"),
    ("python", "sql"): ("SQLAlchemy 2.0", "Alembic"),
    ("go", "sql"): ("sqlc (type-safe queries from SQL)", "golang-migrate"),
    ("java", "sql"): ("Spring Data JPA (Hibernate)", "Flyway"),
    ("kotlin", "sql"): ("Exposed", "Flyway"),
    ("csharp", "sql"): ("Entity Framework Core", "EF Core Migrations"),
    ("ruby", "sql"): ("Active Record", "Rails migrations"),
    ("php", "sql"): ("Eloquent", "Laravel migrations"),
    ("elixir", "sql"): ("Ecto", "Ecto migrations"),
    ("rust", "sql"): ("SQLx", "sqlx-cli migrations"),
    ("typescript", "document"): ("Mongoose", "migrate-mongo"),
    ("python", "document"): ("Beanie (ODM on Motor)", "Beanie migrations"),
    ("java", "document"): ("Spring Data MongoDB", "Mongock"),
    ("go", "document"): ("the official mongo-go-driver", "golang-migrate (MongoDB driver)"),
}


def _orm(signals: Signals, family: DbFamily, product: str) -> tuple[str, str, str]:
    """(ORM or driver, migration strategy, migration tool) for the primary family."""
    lang, stated = primary_language(signals)
    sql_like = family in ("sql", "time_series")  # TimescaleDB is PostgreSQL
    key = (lang, "sql" if sql_like else family)
    orm, tool = _ORM.get(key, ("", ""))
    if not orm:
        if sql_like:
            orm, tool = _ORM[("typescript", "sql")] if lang == "typescript" else ("", "")
        if not orm:
            orm = f"the official {product} driver for {lang}, wrapped in a repository layer"
            tool = _MIGRATION_TOOL.get(family, "versioned migration scripts kept in the repository")
    source = "the stated stack" if stated else f"the default language ({lang})"
    how = _MIGRATION_HOW["sql" if sql_like else family]
    return orm, f"{tool}: {how} Chosen for {source}.", tool


# a family's migration tool where no ORM of the language brings one (language-independent)
_MIGRATION_TOOL: dict[str, str] = {
    "wide_column": "versioned CQL scripts (cassandra-migrate)",
    "graph": "neo4j-migrations (versioned Cypher scripts)",
    "key_value": "versioned key prefixes (no schema migrations)",
}

# how each family's schema changes ship: what the engine enforces decides what a migration is
_MIGRATION_HOW: dict[str, str] = {
    "sql": "versioned, forward-only migrations in the repository, applied by CI before the new "
    "release starts; breaking changes use expand-and-contract (add column → backfill → switch "
    "reads → drop old column in a later release); every migration is tested against a "
    "production-sized copy in staging.",
    "document": "schema versions stored on each document (`schema_version`), readers accept "
    "the previous version, a background job upgrades old records; validation rules enforced at "
    "the collection level.",
    "wide_column": "tables are designed per query, so a new query means a new table, created "
    "by a versioned script applied by CI and filled by a backfill job before reads switch to "
    "it; columns are only ever added, primary keys never altered.",
    "graph": "uniqueness constraints and indexes created by versioned scripts applied by CI; "
    "new labels and relationship types are added beside the old ones, and a background job "
    "rewrites old nodes before readers drop the old shape.",
    "key_value": "the value format is versioned in the key (`v2:…`): readers fall back to the "
    "previous version and rewrite on read, and old keys expire by TTL.",
}


def _backup(signals: Signals, family: DbFamily) -> BackupStrategy:
    sens = signals.data.sensitivity.value
    stage = signals.product.stage.value
    pitr = family in ("sql", "time_series")
    cont = "continuous WAL archiving (point-in-time recovery)" if pitr else "continuous backup"
    if sens == "financial":
        return BackupStrategy(
            frequency=f"{cont} plus daily snapshots copied to a second region",
            retention="35 days point-in-time; monthly snapshots kept 7 years for financial "
            "record-keeping, encrypted with a separate key, write-once storage",
            restore_test_schedule="monthly automated restore into an isolated account, with a "
            "ledger checksum comparison; RPO ≤ 5 minutes, RTO ≤ 1 hour",
        )
    if sens == "health":
        return BackupStrategy(
            frequency=f"{cont} plus daily encrypted snapshots copied to a second region",
            retention="35 days point-in-time; snapshots kept 6 years (HIPAA documentation "
            "retention), encrypted at rest with KMS keys, access logged",
            restore_test_schedule="monthly restore test documented for the HIPAA contingency "
            "plan (§164.308(a)(7)); RPO ≤ 15 minutes, RTO ≤ 4 hours",
        )
    if sens in ("pii", "legal") or stage in ("growth", "scale", "legacy_modernization"):
        return BackupStrategy(
            frequency=f"{cont} plus daily snapshots",
            retention="14 days point-in-time, 30 daily snapshots; deleted users are purged "
            "from backups by expiry (documented in the privacy policy)",
            restore_test_schedule="quarterly restore into staging; RPO ≤ 15 minutes, RTO ≤ 4 hours",
        )
    return BackupStrategy(
        frequency="daily automated snapshots",
        retention="7 days",
        restore_test_schedule="quarterly restore into staging; RPO ≤ 24 hours",
    )


def _secondaries(
    signals: Signals, primary: DbFamily, primary_name: str, totals: dict[DbFamily, int]
) -> list[SecondaryDatabase]:
    out: list[SecondaryDatabase] = []
    read = signals.behavior.read_intensity.score
    rt = signals.behavior.real_time_intensity.score
    if primary != "key_value" and (read >= 3 or rt >= 4):
        roles = []
        if read >= 3:
            roles.append("cache for hot entities and feeds")
        if rt >= 4:
            roles.append("pub/sub for WebSocket fan-out and presence")
        roles.append("rate-limit counters")
        out.append(
            SecondaryDatabase(technology="Redis", family="key_value", purpose="; ".join(roles))
        )
    if primary != "time_series" and totals["time_series"] >= 3:
        tech = "TimescaleDB (PostgreSQL extension)" if primary == "sql" else "TimescaleDB"
        out.append(
            SecondaryDatabase(
                technology=tech,
                family="time_series",
                purpose="time-stamped events and time-window aggregations",
            )
        )
    if (
        primary != "wide_column"
        and signals.data.volume.value == "gt_1tb"
        and signals.behavior.write_intensity.score >= 4
    ):
        out.append(
            SecondaryDatabase(
                technology=product_for("wide_column", signals),
                family="wide_column",
                purpose="append-heavy history beyond a terabyte, partitioned by owner and time "
                "bucket, so the primary keeps only current state",
            )
        )
    if _archetype_has(signals, matrix().search_archetype_words):
        out.append(
            SecondaryDatabase(
                technology="OpenSearch",
                family="document",
                purpose="full-text and faceted search index, rebuilt from the primary by an "
                "outbox consumer (never written to directly)",
            )
        )
    return out


def select_data_strategy(
    signals: Signals, domain: DomainModel | None = None, *, explain: bool = True
) -> DataStrategy:
    """Stage 3. ``domain`` names the hot entities to cache (without it the cache covers generic
    records). ``explain=False`` skips the what-would-flip-it search of ``primary_db_wrong_if``
    (used by the sensitivity analysis, which is that search for every field)."""
    if domain is None:
        from archwright.decide.architecture import empty_domain

        domain = empty_domain()
    totals, lines = score_families(signals)
    family, _ = choose_family(signals)
    excluded = excluded_families(signals)
    name = product_for(family, signals)
    ranked = sorted(FAMILIES, key=lambda f: (-totals[f], matrix().tie_break.index(f)))
    runner = next(f for f in ranked if f != family)
    conflict, from_pref = _preference_conflict(signals, family, name, totals)
    why_parts = [
        f"{name} ({FAMILY_LABEL[family]}) wins with {_fmt(totals[family])}; runner-up "
        f"{FAMILY_LABEL[runner]} {_fmt(totals[runner])}.",
        "Score breakdown: " + "; ".join(_family_summary(f, totals, lines) for f in ranked) + ".",
    ]
    beaten = [f for f in ranked if f in excluded and totals[f] >= totals[family]]
    for f in beaten:
        why_parts.append(f"{FAMILY_LABEL[f]} is not eligible as primary: {excluded[f]}.")
    if family == "sql" and signals.data.sensitivity.value == "financial":
        why_parts.append("Row-level locking (SELECT … FOR UPDATE) serialises balance changes.")
    if conflict:
        why_parts.append(conflict)
    orm, migration, migration_tool = _orm(signals, family, name)
    # the user's store may also be what a rule would add (Cassandra for > 1 TB of history):
    # list it once, as the user's, with both purposes
    secondaries = list(from_pref)
    for extra in _secondaries(signals, family, name, totals):
        same = next((x for x in secondaries if x.technology == extra.technology), None)
        if same is None:
            secondaries.append(extra)
        else:
            same.purpose = f"{same.purpose}; {extra.purpose}"
    # an analytics store the user named (ClickHouse) is a store of its own beside the system of
    # record, never the primary: listed so the choice the record calls honored is in the design
    for p in signals.preferences:
        if (
            p.stance == "use"
            and p.subject == "analytics_database"
            and p.family in FAMILIES
            and all(x.technology != p.requested for x in secondaries)
        ):
            secondaries.append(
                SecondaryDatabase(
                    technology=p.requested,
                    family=p.family,
                    purpose=f"analytical queries over large event tables, loaded from {name} by "
                    "a change-data-capture or batch job (never written to by the API) — your "
                    "choice",
                    from_preference=True,
                )
            )
    return DataStrategy(
        primary_database=name,
        primary_database_family=family,
        scores=totals,
        score_breakdown=lines,
        primary_db_rationale=" ".join(why_parts),
        primary_db_wrong_if=_wrong_if(signals, family) if explain else "(not explained)",
        secondary_databases=secondaries,
        caching_strategy=_caching(signals, domain),
        orm_or_query_builder=orm,
        migration_strategy=migration,
        migration_tool=migration_tool,
        backup_strategy=_backup(signals, family),
        excluded_families=excluded,
        preference_conflict=conflict,
    )
