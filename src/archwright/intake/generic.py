"""Generic domain model for prompts that match no archetype.

Built from the prompt's own nouns and verbs with a few deterministic rules — no NLP model:

- words are ASCII-folded and lower-cased; a stop-word list removes function words, common verbs,
  adjectives and product boilerplate ("app", "platform", "users");
- plurals are singularized by English spelling rules and the exception tables of
  ``knowledge/inflection.yaml`` ("telescopes" -> telescope, "clinics" -> clinic, "loaves" ->
  loaf, "people" -> person; "clothes", "physics" stay);
- a noun naming the product itself is no entity ("a Slack bot that ...", "a meal planner for
  ..."), nor is a verb of choosing before "which"/"what"/"whether" ("decide which ..."); a person
  noun before a record-keeping verb acts ("social workers record visits"): the word classes are
  in ``knowledge/generic_domain.yaml``;
- gerunds of transaction verbs become the transaction entity ("renting" -> rental,
  "booking" -> booking) and link the things in the prompt;
- "X of Y" / "X for Y" link X to Y; "users can VERB NOUNs" adds a VERB action on NOUN;
- a noun that only modifies the next noun ("astronomy clubs") ranks below its head;
- the word after "that"/"which"/"who" is the clause's verb ("a tool that flags payments"), or,
  when the clause has its own subject, the word after it ("the orders that customers place");
  after "for PEOPLE to" the base form is a verb ("for nurses to flag cases");
- a person noun keeps the noun or field adjective naming their trade ("case workers" ->
  case_worker, "social workers" -> social_worker; "local drivers" stay driver).

Every name is a valid snake_case identifier whatever the prompt contains (unicode, SQL, emoji):
only ASCII letters survive, names are deduplicated, and the fallback entity is ``item``. The
result is never empty: ``user`` plus at least one product entity, CRUD endpoints with
pagination, ``user`` and ``admin`` roles, jobs and business metrics named after the entities.
User text never reaches a description: only the sanitized words do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from pydantic import model_validator

from archwright.models.base import Model
from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainField,
    DomainJob,
    DomainModel,
    DomainRelation,
    DomainRole,
)
from archwright.wording import a_an


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_THINGS = 4
MAX_TRANSACTIONS = 2
MAX_ENTITIES = 6  # product entities besides ``user``
MAX_ACTIONS = 3
# digits stay attached so product names (Auth0, S3, K8s) are one token that is never an entity
_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?")
# account-access phrasal verbs: "sign in with Google" names no "sign" entity
_PHRASAL = re.compile(r"\b(sign|log|opt|check)[- ]?(in|up|out|on|into)s?\b")
# the same two on the prompt as written (same matches, so the same tokens)
_WORD_CASED = re.compile(_WORD.pattern, re.IGNORECASE)
_PHRASAL_CASED = re.compile(_PHRASAL.pattern, re.IGNORECASE)
# where the users are ("people in my town"), not what the product manages
_PLACES = _set("town city village neighbourhood neighborhood country region area county state")
_PLACE_LEADS = _set("in across around near throughout")
_OWNERS = _set("my our your their the this")
# pronouns a verb takes as its object: "the app pushes them" is no "push" entity
_OBJECT_PRONOUNS = _set("them it")
_DETERMINERS = _set("the a an our your their my its this these those each every")
# punctuation that ends a list item or a clause: "plots, log harvests" — "plots" does not
# modify "log"
_BREAK = re.compile(r"[,;:.!?()\[\]{}/|\n]")

# Function words, frequent verbs and adjectives, and product boilerplate: never entities.
_STOP = _set(
    """
across behind beyond throughout amid despite beside besides underneath
a about above after again against all almost alone along already also although always am among
an and another any anyone anything anywhere are around as at away back be because been before
being below between both but by can cannot could did do does doing done down during each either
else enough even ever every everyone everything few first for from further get gets getting give
gives go goes going good got great had has have having he her here hers him his how however i if
in into is it its itself just last least less let lets like likely little lot lots made make
makes making many may maybe me might mine more most much must my myself near need needs needed
never new next no nobody none nor not nothing now of off often on once one only onto or other
others our ours out over own per perhaps please quite rather really same several shall she
should since so some someone something sometimes soon still such than that the their theirs
them themselves then there these they thing things this those though through thus to too
toward towards under until up upon us use used uses using very via want wants wanted was way
ways we well were what whatever when where whether which while who whom whose why will with
within without would yes yet you your yours yourself etc eg ie vs
able allow allows allowing help helps helping let lets enable enables enabling support supports
build building built create creates created creating develop developing design designing
implement implementing launch launching run running start starting try trying work working
manage manages managing managed track tracks tracking keep keeps see sees view views find finds
finding browse browsing search searching add adds adding edit edits editing update updates
updating delete deletes deleting remove removes removing list lists listing show shows showing
check checks checking set sets setting connect connects connecting handle handles handling
provide provides providing offer offers offering include includes including receive receives
get send sends sending look looks looking come comes take takes taking put puts know knows
think say says tell tells ask asks asking call calls called go come became become becomes
store stores storing save saves saving share shares sharing post posts posting
simple easy fast quick small large big huge basic main core full real realtime live local
global online offline mobile web native modern secure scalable robust reliable cheap free
best better high low public private internal external personal social digital smart open
multiple various different specific certain whole entire same similar daily weekly monthly
yearly annual early late current future past recent old young nice cool awesome beautiful
important major minor key general special typical common standard custom automatic automated
app apps application applications platform platforms website websites site sites webapp
backend backends frontend system systems service services tool tools software solution
solutions product products project startup mvp prototype version feature features
functionality api apis database databases server servers cloud data infrastructure
architecture stack framework code interface dashboard portal page pages screen screens
ui ux ios android iphone phone phones browser browsers desktop laptop device
someone somebody anybody everybody thing stuff kind kinds sort type types part parts
lot bit number numbers amount amounts level levels
day days week weeks month months year years hour hours minute minutes second seconds time times
today tomorrow yesterday morning evening night
million millions billion thousand thousands hundred hundreds dozen
i'm we're it's don't doesn't can't won't isn't sure
name names title titles description status date dates id ids detail details note notes
expect expects expected budget budgets required due alternative alternatives
gdpr hipaa pci soc compliant compliance concurrent active inactive
price prices cost costs fee fees location locations image images photo photos picture pictures
marketplace market platform network community hub ecosystem tracker trackers
freelance independent remote professional amateur overdue unpaid upcoming fancy short tiny later
management administration coordination collect collects collected
map maps peak peaks close closer closest nearby microservice microservices
select insert drop table tables alter union null true false exec script alert onerror javascript
src href div img http https www com org net html json xml yaml sql
der die das ein eine einen und oder fur mit von zu auf den dem des ist sind wir ich
le la les un une des et ou pour avec dans du au est nous je el los las una y para con por del
"""
)

# People who use the product: folded into the ``user`` entity rather than made separate tables.
_USER_WORDS = _set(
    "user users customer customers member members people person persons visitor visitors "
    "account accounts profile profiles client clients consumer consumers individual "
    "individuals everyone somebody folks guys human humans owner owners"
)

# Kinds of people who act in a product ("librarians manage the catalog", "an app for tutors"):
# where the prompt makes them act, they are roles of the user account, not tables of their own.
# Where they are only acted on ("couples manage guests"), they stay entities.
_ROLE_WORDS = _set(
    "student teacher tutor instructor coach trainer mentor mentee parent guardian kid child "
    "patient doctor nurse therapist caregiver clinician physician dentist pharmacist vet "
    "veterinarian volunteer donor organizer organiser host guest attendee speaker driver courier "
    "rider passenger tenant landlord homeowner resident agent broker seller buyer vendor supplier "
    "merchant shopper bidder employee employer manager staff worker contractor freelancer "
    "technician mechanic inspector officer librarian patron reader author writer editor reviewer "
    "moderator curator artist musician performer photographer creator fan subscriber listener "
    "viewer player athlete referee judge couple family pastor coordinator dispatcher recruiter "
    "candidate applicant farmer gardener breeder walker sitter groomer chef cook diner planner "
    "designer analyst accountant lawyer attorney counselor counsellor adviser advisor consultant "
    "researcher investor founder carer auditor ranger assessor surveyor caseworker paramedic "
    "midwife warden clerk receptionist nanny"
)
# Words after a person noun that make it the subject of a sentence ("drivers pick", "a tutor can")
_SUBJECT_VERBS = _set(
    "who that can could should will may must want wants need needs get gets see sees pick picks "
    "choose chooses join joins collect collects receive receives earn earns upload uploads submit "
    "submits post posts browse browses find finds leave leaves write writes follow follows scan "
    "scans run runs sign signs log logs check checks manage manages approve approves assign "
    "assigns create creates send sends share shares track tracks view views moderate moderates "
    "publish publishes verify verifies curate curates maintain maintains oversee oversees"
)
# What a role that is the subject of these verbs may do to every record of the object, not
# only its own ("librarians manage the catalog")
_STAFF_VERBS = _set(
    "manage approve moderate assign schedule run maintain curate publish verify oversee review "
    "edit update track"
)

# Vague nouns that take their meaning from the noun before them: "pet records", "lunch menus",
# "fermentation tanks" become one entity (pet_record) instead of a bare "record"
_HEADS = _set(
    "record chart group list log plan menu fee route shift tank archive reminder note report "
    "request schedule slot session card entry queue history template form sheet item upload"
)

# Transaction verbs -> the record the transaction leaves behind.
_NOMINALIZE: dict[str, str] = {
    "rent": "rental",
    "lease": "lease",
    "hire": "hire",
    "book": "booking",
    "reserve": "reservation",
    "order": "order",
    "buy": "purchase",
    "purchase": "purchase",
    "sell": "sale",
    "donate": "donation",
    "lend": "loan",
    "borrow": "loan",
    "loan": "loan",
    "swap": "swap",
    "trade": "trade",
    "exchange": "exchange",
    "subscribe": "subscription",
    "enroll": "enrollment",
    "enrol": "enrollment",
    "register": "registration",
    "apply": "application",
    "schedule": "appointment",
    "deliver": "delivery",
    "ship": "shipment",
    "pay": "payment",
    "bid": "bid",
    "vote": "vote",
    "review": "review",
    "rate": "rating",
    "adopt": "adoption",
    "invite": "invitation",
    "request": "request",
    "sponsor": "sponsorship",
    "tip": "tip",
    "repair": "repair",
    "translate": "translation",
    "transcribe": "transcription",
    "recommend": "recommendation",
    "assign": "assignment",
    "approve": "approval",
    "report": "report",
}
# Verbs that are never nouns: any form of them ("neighbours lend tools") is a transaction.
_PURE_VERBS = _set(
    "lend borrow donate sell buy subscribe enroll enrol register apply deliver adopt invite "
    "sponsor translate transcribe recommend assign approve reserve pay"
)
# the verb each transaction noun comes from ("booking" -> "book"), first one listed wins
_VERB_OF = {noun: verb for verb, noun in reversed(list(_NOMINALIZE.items()))}
_NOMINAL_SET = frozenset(_NOMINALIZE.values())
# Transactions that happen at a time or over a period get start/end timestamps.
_TIMED = frozenset(
    {
        "rental",
        "lease",
        "hire",
        "booking",
        "reservation",
        "appointment",
        "loan",
        "enrollment",
        "shift",
        "session",
        "event",
        "meeting",
        "lesson",
        "class",
        "tour",
        "trip",
        "visit",
        "match",
        "game",
        "workout",
    }
)
# Transactions that move money get an amount.
_PAID = frozenset(
    {
        "rental",
        "lease",
        "hire",
        "booking",
        "reservation",
        "order",
        "purchase",
        "sale",
        "donation",
        "subscription",
        "payment",
        "bid",
        "tip",
        "sponsorship",
        "repair",
        "delivery",
        "shipment",
        "enrollment",
    }
)
_MONEY_WORDS = re.compile(
    r"[$€£¥₹]|\b(pay|pays|paid|paying|payment|payments|price|prices|pricing|priced|fee|fees|"
    r"cost|costs|charge|charges|rent|renting|rental|rentals|buy|buying|sell|selling|sale|sales|"
    r"purchase|purchases|subscription|subscriptions|donate|donation|donations|invoice|invoices|"
    r"tip|tips|deposit|deposits|checkout|billing|commission|stripe|paypal|money|dollars?|euros?)\b"
)
_PLACE_WORDS = re.compile(
    r"\b(near|nearby|map|maps|location|locations|locate|gps|distance|address|addresses|"
    r"city|cities|neighbou?rhood|local|area|radius)\b"
)
_PHOTO_WORDS = re.compile(r"\b(photos?|pictures?|images?|pics?|gallery|galleries|upload\w*)\b")
# Verbs that are CRUD already: never turned into an extra action endpoint.
_CRUD_VERBS = _set(
    "create add make edit update change delete remove view see browse list read find search "
    "manage track keep store save get look use post write upload open close have be do"
)
_MODALS = _set("can could should will may might must")
# adverbs of frequency and manner stand before a verb: "never miss a dose", "quickly log"
_VERB_ADVERBS = _set(
    "never always often rarely seldom usually easily quickly automatically instantly finally"
)
# words that open a noun phrase: a word between "to" and one of these is a verb ("to calculate
# the footprint", "to split their bills"), and a head noun followed by one is a verb too
# ("households log their energy")
_PHRASE_OPENERS = _DETERMINERS | _set("his her all any")
# product nouns an infinitive of purpose follows: "an app to calculate", "a tool to compare"
_PURPOSE_LEADS = _set(
    "app apps application platform tool tools website site software system service bot "
    "assistant tracker way"
)
# "want to VERB", "able to VERB": only then is the word after "to" a verb
_TO_VERB_LEADS = _set(
    "want wants need needs able like way ways allow allows easy lets let help helps"
)
# Relative pronouns: the word after one is the clause's verb ("a tool that flags payments")
# unless the clause has its own subject ("the orders that customers place")
_RELATIVES = _set("that which who")
# words that take a "that"/"which" clause of their own, so the clause's first word is its
# subject, not a verb: "make sure that invoices reach", "decide which volunteers"
_CLAUSE_LEADS = _set(
    "so sure ensure ensures such decide decides choose chooses pick picks confirm confirms "
    "guarantee guarantees remind reminds predict predicts select selects indicate indicates "
    "learn learns figure assume hope believe given"
)
# product boilerplate nouns a relative clause may follow: "a dashboard that charts sales"
_PRODUCT_NOUNS = _PURPOSE_LEADS | _set(
    "applications platforms websites sites webapp backend backends systems services solution "
    "solutions product products program programs dashboard dashboards portal portals widget "
    "widgets bots assistants trackers planner planners api apis interface page pages screen "
    "screens marketplace hub network"
)
# verbs that follow a clause's subject and name nothing: "that invoices are paid"
_AUXILIARIES = _set("is are was were be been has have had do does did get gets")
_PREPOSITIONS = _set(
    "to with across about for from into onto at in on by between among over through via"
)
# pronouns that are a clause's subject: "the tasks that we assign"
_SUBJECT_PRONOUNS = _set("we they you i he she")
# adverbs between a relative pronoun and its verb: "a bot that also drafts replies"
_CLAUSE_ADVERBS = _VERB_ADVERBS | _set("also then just only now still")
# classifying adjectives that name a person's field: a "social worker" is no kind of "worker"
# that a bare "worker" would stand for; other adjectives ("local", "new") only describe
_FIELD_ADJECTIVES = _set(
    "social medical legal dental clinical financial technical mental veterinary academic "
    "surgical pastoral forensic personal general"
)
# -ing words that are nouns, not gerunds
_ING_NOUNS = _set(
    "meeting meetings wedding weddings building buildings painting paintings recording "
    "recordings clothing training trainings offering offerings listing listings"
)
# past participles after a noun describe it ("laptops assigned to staff", "keys lent to
# tenants"): they are no nouns themselves; the -ed form is caught by its ending, these are the
# irregular ones, and the few -ed words that are nouns stay candidates
_IRREGULAR_PARTICIPLES = _set(
    "lent sent given taken kept sold held built bought brought left lost paid made shown "
    "written done borrowed leant loaned"
)
_ED_NOUNS = _set("hundred hundreds hatred kindred bobsled")
# endings that make an adjective ("billable", "edible", "famous", "paperless", "useful"); the
# plural of a noun never ends this way, and the singular nouns that do are listed below
_ADJECTIVE_ENDINGS = ("able", "ible", "ous", "less", "ful")
_SUFFIX_NOUNS = _set(
    "table cable fable parable vegetable variable constable timetable syllable stable turntable "
    "bible crucible deliverable collectible receivable payable wearable consumable "
    "handful mouthful spoonful cupful armful"
)


class Inflection(Model):
    """``knowledge/inflection.yaml``: the spelling rules of English plurals and their
    exceptions (the file says why a table and how it is read)."""

    irregular: dict[str, str]  # plural -> singular
    compounds: list[str]
    invariant: list[str]
    keep_endings: list[str]
    suffixes: list[tuple[str, str]]  # (plural ending, singular ending), first match wins

    @model_validator(mode="after")
    def _consistent(self) -> Inflection:
        missing = [c for c in self.compounds if c not in self.irregular]
        if missing:
            raise ValueError(f"compounds not in the irregular table: {missing}")
        return self


@dataclass(frozen=True)
class _Tables:
    to_singular: dict[str, str]
    to_plural: dict[str, str]
    # words that are already singular: the table's singulars and the invariant words
    fixed: frozenset[str]
    invariant: frozenset[str]
    # (plural ending, singular ending) of the compounds, longest first
    compounds: tuple[tuple[str, str], ...]
    keep_endings: tuple[str, ...]
    suffixes: tuple[tuple[str, str], ...]


@cache
def _tables() -> _Tables:
    from archwright.catalog import load_model

    inf = load_model("inflection.yaml", Inflection)
    to_plural: dict[str, str] = {}
    for many, one in inf.irregular.items():
        to_plural.setdefault(one, many)  # first listed wins ("indices" before "indexes")
    invariant = frozenset(inf.invariant)
    return _Tables(
        to_singular=dict(inf.irregular),
        to_plural=to_plural,
        fixed=frozenset(inf.irregular.values()) | invariant,
        invariant=invariant,
        compounds=tuple(
            sorted(((c, inf.irregular[c]) for c in inf.compounds), key=lambda p: -len(p[0]))
        ),
        keep_endings=tuple(inf.keep_endings),
        suffixes=tuple(inf.suffixes),
    )


class WordClasses(Model):
    """``knowledge/generic_domain.yaml``: classes of words the builder reads a prompt with
    (the file says what each class is for)."""

    product_nouns: frozenset[str]
    product_followers: frozenset[str]
    choice_verbs: frozenset[str]
    choice_words: frozenset[str]
    record_verbs: frozenset[str]
    number_words: frozenset[str]


@cache
def _classes() -> WordClasses:
    from archwright.catalog import load_model

    return load_model("generic_domain.yaml", WordClasses)


# the stem a compound or a suffix rule leaves must be this long: "olives" is no "o" + "lives",
# "pies" no "p" + "y"
_MIN_COMPOUND_STEM = 3
_MIN_SUFFIX_STEM = 2


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """A plural English noun's singular (``knowledge/inflection.yaml``); a singular or an
    invariant word comes back unchanged."""
    w = word.lower()
    t = _tables()
    if w in t.to_singular:
        return t.to_singular[w]
    if w in t.fixed:
        return w
    for many, one in t.compounds:
        if w.endswith(many) and len(w) - len(many) >= _MIN_COMPOUND_STEM:
            return w[: -len(many)] + one
    if len(w) <= 3 or w.endswith(t.keep_endings):
        return w
    for many, one in t.suffixes:
        if w.endswith(many) and len(w) - len(many) >= _MIN_SUFFIX_STEM:
            return w[: len(w) - len(many)] + one
    return w


@lru_cache(maxsize=4096)
def plural(word: str) -> str:
    """The plural of a singular English noun."""
    w = word.lower()
    t = _tables()
    if w in t.to_plural:
        return t.to_plural[w]
    if w in t.invariant:
        return w
    for many, one in t.compounds:
        if w.endswith(one) and len(w) - len(one) >= _MIN_COMPOUND_STEM:
            return w[: -len(one)] + many
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    return w + "s"


def _fold(text: str) -> str:
    """ASCII-fold and lower-case: accents dropped, other scripts and symbols become spaces."""
    return _ascii(text).lower()


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _proper_nouns(prompt: str, count: int) -> list[bool]:
    """For each of the ``count`` tokens :func:`_read` finds, whether it is written as a name:
    a capital inside the word (QuickBooks, HubSpot) or a capitalised singular word inside a
    sentence (Airtable, Shopify). A named product is an integration, never a table. In a
    prompt written in title case capitals say nothing, so only inner capitals count there."""
    text = _PHRASAL_CASED.sub(" ", _ascii(prompt))
    found = list(_WORD_CASED.finditer(text))
    if len(found) != count:  # folding changed the tokens: no reading beats a wrong one
        return [False] * count
    words = [m.group() for m in found]
    long = [w for w in words if len(w) > 3]
    title_case = sum(w[0].isupper() for w in long) * 2 > len(long)
    out: list[bool] = []
    for m, w in zip(found, words, strict=True):
        # "SDKs", "SLAs": a plural acronym is a kind of record, not a name
        plural_acronym = len(w) > 2 and w[:-1].isupper() and w.endswith("s")
        inner = any(c.isupper() for c in w[1:]) and not w.isupper() and not plural_acronym
        # "with OCR", "over GPS": a singular acronym names a technology or a standard
        acronym = len(w) > 1 and w.isupper()
        before = text[: m.start()].rstrip()
        starts_sentence = not before or before[-1] in ".!?:;\n\"'("
        capitalised = (
            not title_case
            and w[0].isupper()
            and w[1:].islower()
            and not starts_sentence
            and not w.lower().endswith("s")
        )
        out.append(inner or capitalised or acronym)
    return out


def _lemma_of_gerund(word: str) -> str | None:
    """'renting' -> 'rent', 'sharing' -> 'share', 'shopping' -> 'shop' (if it is a known verb)."""
    if not word.endswith("ing") or len(word) < 5:
        return None
    stem = word[:-3]
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    return next((c for c in candidates if c in _NOMINALIZE), None)


def _verb_base(word: str) -> str:
    """Third-person or past forms back to the base: 'rents' -> 'rent', 'booked' -> 'book'."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            if base in _NOMINALIZE or base + "e" in _NOMINALIZE:
                return base if base in _NOMINALIZE else base + "e"
    return word


@cache
def _technology_words() -> frozenset[str]:
    """One-word technology names and aliases (Postmark, Stripe, Kafka): a vendor the prompt
    mentions is a preference, never a domain entity."""
    from archwright.catalog import load_model
    from archwright.models.technology import TechnologyCatalog

    out: set[str] = set()
    for t in load_model("technologies.yaml", TechnologyCatalog).technologies:
        for name in (t.name, *t.aliases):
            toks = _WORD.findall(_fold(name))
            if len(toks) == 1:
                out.add(toks[0])
    return frozenset(out)


def _participle(word: str) -> bool:
    """'assigned', 'issued', 'lent': a verb form that qualifies the noun before it."""
    if word in _IRREGULAR_PARTICIPLES:
        return True
    return (
        len(word) >= 5
        and word.endswith("ed")
        and not word.endswith("eed")
        and word not in _ED_NOUNS
    )


def _adjective(word: str) -> bool:
    """'billable', 'reusable', 'anxious', 'paperless', 'useful': an adjective by its ending.
    A plural ("deliverables", "collectibles") is a noun, and so are the few singular nouns
    with these endings."""
    return len(word) >= 6 and word.endswith(_ADJECTIVE_ENDINGS) and word not in _SUFFIX_NOUNS


def _is_candidate(word: str) -> bool:
    return (
        3 <= len(word) <= 30
        and word.isalpha()
        and not _participle(word)
        and not _adjective(word)
        and word not in _technology_words()
        and word not in _STOP
        and (not word.endswith("ing") or word in _ING_NOUNS)
        and singular(word) not in _STOP
        and word not in _classes().number_words
    )


def _third_person(verb: str) -> str:
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es"
    return verb + "s"


@dataclass
class _Noun:
    name: str
    first: int
    score: float = 0.0
    modifier_only: bool = True
    links: list[str] = field(default_factory=list)


@dataclass
class _Reading:
    things: list[str]
    transactions: list[tuple[str, str, str | None]]  # (entity, verb, object noun)
    links: dict[str, list[str]]
    actions: list[tuple[str, str]]  # (verb, entity)
    # person nouns the prompt makes act, in first-mention order -> things they run for everyone
    roles: dict[str, list[str]]
    money: bool
    place: bool
    photos: bool


def _object_after(tokens: list[str], i: int) -> str | None:
    """The first noun within five words after a verb: what the verb acts on."""
    for t in tokens[i + 1 : i + 6]:
        if t in _USER_WORDS:
            return None
        base = singular(t)
        if base in _NOMINAL_SET or _verb_base(t) in _NOMINALIZE:
            continue  # "rate and review recipes": skip the second verb
        if _is_candidate(t):
            return base
    return None


def _modifies(word: str) -> bool:
    """Whether ``word`` can name the kind of a head noun ("pet" records, "watering" shifts)."""
    return (
        word.isalpha()
        and 3 <= len(word) <= 20
        and word not in _STOP
        and word not in _classes().number_words
        and word not in _USER_WORDS
        and singular(word) not in _ROLE_WORDS
        and singular(word) not in _NOMINAL_SET
        and word not in _technology_words()
        and _lemma_of_gerund(word) is None
        and (not word.endswith("ing") or len(word) > 5)
        and not _adjective(word)
    )


def _person(word: str) -> bool:
    return word in _USER_WORDS or singular(word) in _ROLE_WORDS


def _plural_form(word: str) -> bool:
    return word.endswith("s") and singular(word) != word


def _clause_verbs(tokens: list[str], breaks: list[bool]) -> set[int]:
    """Token indices that are the verbs of relative clauses. The word right after "that",
    "which" or "who" is the clause's verb ("a tool that flags late payments", "volunteers who
    drive seniors"), unless the clause brings its own subject: a pronoun, a determiner, a
    person ("the orders that customers place"), or a plural noun after a plural antecedent,
    where a verb would have no -s ("the parcels that couriers deliver") -- then the word after
    that subject is the verb. A pronoun after a verb ("decide which", "make sure that") opens
    a clause whose first word is its subject: no verb is marked there."""
    out: set[int] = set()
    n = len(tokens)

    def joined(k: int) -> bool:  # token k and the next are in the same clause
        return k + 1 < n and not breaks[k]

    for i, tok in enumerate(tokens):
        if not joined(i):
            continue
        if tok in _SUBJECT_PRONOUNS or (
            tok in ("it", "you") and i and not breaks[i - 1] and _plural_form(tokens[i - 1])
        ):
            # "we assign", "the reports it generates": a subject pronoun's next word is its verb
            if tokens[i + 1] not in _STOP:
                out.add(i + 1)
            continue
        if tok not in _RELATIVES or i == 0 or breaks[i - 1]:
            continue
        ante = tokens[i - 1]
        if ante in _CLAUSE_LEADS or not (
            _is_candidate(ante)
            or _person(ante)
            or ante in _PRODUCT_NOUNS
            or ante in _classes().product_nouns
        ):
            continue
        k = i + 1
        while tokens[k] in _CLAUSE_ADVERBS and joined(k):
            k += 1
        word = tokens[k]
        nxt = tokens[k + 1] if joined(k) else ""
        subject: int | None = None  # the clause's own subject
        if word in _SUBJECT_PRONOUNS or _person(word):
            subject = k
        elif word in _PHRASE_OPENERS:
            # "the orders that the kitchen prepares", "that our delivery drivers accept"
            subject = k + 1 if joined(k) else None
            if (
                subject is not None
                and joined(subject)
                and not _person(tokens[subject])
                and _person(tokens[subject + 1])
            ):
                subject += 1
        elif _person(nxt) and _is_candidate(word):
            subject = k + 1  # "the routes that delivery drivers ride"
        elif nxt in _MODALS or nxt in _AUXILIARIES:
            continue  # "that invoices are paid": a subject whose verb is no noun anyway
        elif (
            _plural_form(ante)
            and _plural_form(word)
            and not (_plural_form(nxt) and _is_candidate(nxt))
            and nxt not in _PREPOSITIONS
            and nxt not in _PHRASE_OPENERS
        ):
            # "the parcels that couriers deliver"; but a noun phrase or a preposition right
            # after the word makes the word the verb, agreeing with an earlier antecedent: "a
            # bot for teams that collects blockers", "a widget for gardeners that warns about
            # frost"
            subject = k
        elif word not in _STOP:
            out.add(k)
        if subject is None or not joined(subject):
            continue
        v = subject + 1
        # "that parents and teachers use": the subject goes on over "and"
        while tokens[v] in ("and", "or") and joined(v) and _person(tokens[v + 1]) and joined(v + 1):
            v += 2
        while tokens[v] in _CLAUSE_ADVERBS and joined(v):
            v += 1
        if tokens[v] not in _STOP:
            out.add(v)
    return out


def _infinitive(tokens: list[str], i: int, opener: list[int]) -> bool:
    """Whether token ``i``, right after "to", is an infinitive: a word in its base form (a
    plural is the object of "to": "send reminders to patients") after "for PEOPLE to" or
    "PEOPLE to" ("a site for nurses to flag cases", "volunteers to claim shifts")."""
    tok = tokens[i]
    if _plural_form(tok) or _person(tok) or tok in _PHRASE_OPENERS:
        return False
    t = i - 1  # the "to"
    run_from = opener[t]  # the word before the nouns that end just before "to"
    return _person(tokens[t - 1]) or (
        run_from >= 0 and run_from < t - 1 and tokens[run_from] == "for"
    )


#: number words: they count people ("two founders"), never name their trade
_CARDINALS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "couple",
        "pair",
    ]
)


def _classifies(word: str, prev: str, prev2: str, prev_is_verb: bool) -> bool:
    """Whether ``word`` names the kind of the person noun after it: "case workers", "delivery
    drivers", "social workers". A noun before a person noun names their trade; of the
    adjectives only those naming a field do ("local drivers" are just drivers). Not after a
    plural subject, a pronoun, a modal or "to", where the word is a verb ("parents message
    teachers", "we train volunteers")."""
    if prev in _SUBJECT_PRONOUNS or prev in _MODALS or prev == "to":
        return False
    if prev in ("and", "or") and not _person(prev2):
        # "cameras read plates and bill drivers": after "and" a word before people is a second
        # verb unless people came before the "and" too ("parents and delivery drivers")
        return False
    if not prev_is_verb and _plural_form(prev) and (_is_candidate(prev) or prev in _USER_WORDS):
        return False
    if word in _FIELD_ADJECTIVES:
        return True
    return (
        word not in _CARDINALS  # "two founders", "three nurses": how many, not which
        and _is_candidate(word)
        and not word.endswith("ing")
        and not _plural_form(word)
        and not _person(word)
        and word not in _PURE_VERBS
    )


def _acts(tok: str, name: str, prev: str, nxt: str) -> bool:
    """Whether a person noun acts in the prompt: the plural subject of a verb ("patrons
    borrow"), any subject of a modal ("a tutor can"), or whom the product is for."""
    if nxt in _MODALS or nxt in ("who", "that"):
        return True
    if tok != name and (
        nxt in _SUBJECT_VERBS
        or nxt in _CRUD_VERBS
        or nxt in _classes().record_verbs
        or _verb_base(nxt) in _NOMINALIZE
    ):
        return True
    return prev in ("for", "between", "connects", "connecting", "matches", "matching")


# determiners that open the noun phrase naming the product ("a bot", "our portal")
_PRODUCT_DETERMINERS = _set("a an the our my your this")
_INDEFINITE = _set("a an")


def _product_heads(tokens: list[str], breaks: list[bool]) -> set[int]:
    """Indices of the nouns that name the product itself (``product_nouns`` in
    ``knowledge/generic_domain.yaml``): the head of the prompt's opening noun phrase ("A Slack
    bot ...", "We need a kiosk ..."), or a head after "a"/"an" that a clause about it follows
    ("a meal planner for families", "a kiosk where visitors sign in"). A product noun that is
    plural, is followed by another noun, or is a person who acts ("a planner can ...") is not
    the product."""
    words = _classes()
    out: set[int] = set()
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok not in words.product_nouns:
            continue
        nxt = tokens[i + 1] if i + 1 < n and not breaks[i] else ""
        if nxt in _MODALS or nxt in ("who", "whom") or _is_candidate(nxt):
            continue  # a person ("a planner can"), or the noun only modifies the next one
        # the determiner opening the phrase: back over its modifiers ("a simple Slack bot")
        d = i - 1
        while d >= 0 and i - d <= 4 and not breaks[d] and tokens[d] not in _PRODUCT_DETERMINERS:
            if tokens[d] in _PREPOSITIONS or tokens[d] in _RELATIVES or tokens[d] in ("and", "or"):
                d = -2  # the phrase is the object of something else
                break
            d -= 1
        if d == -2 or (d >= 0 and tokens[d] not in _PRODUCT_DETERMINERS):
            continue
        opening = all(t in _STOP and t not in _PRODUCT_DETERMINERS for t in tokens[: max(d, 0)])
        if (d >= 0 and tokens[d] in _INDEFINITE and nxt in words.product_followers) or (
            opening and not any(breaks[: max(d, 0)])
        ):
            out.add(i)
    return out


def _choice_verb(tokens: list[str], i: int, breaks: list[bool]) -> bool:
    """Whether token ``i`` is a verb of choosing or finding out that opens an indirect
    question: "decide which volunteers", "figure out what to cook", "choose whether"."""
    words = _classes()
    tok = tokens[i]
    if tok not in words.choice_verbs and singular(tok) not in words.choice_verbs:
        return False
    k = i + 1
    if k < len(tokens) and not breaks[i] and tokens[k] == "out":
        k += 1
    return k < len(tokens) and not breaks[k - 1] and tokens[k] in words.choice_words


def _read(prompt: str) -> _Reading:
    text = _PHRASAL.sub(" ", _fold(prompt))
    found = list(_WORD.finditer(text))
    tokens = [m.group().removesuffix("'s") for m in found]
    named = _proper_nouns(prompt, len(tokens))
    # True where punctuation separates a token from the next one
    breaks = [bool(_BREAK.search(text, a.end(), b.start())) for a, b in pairwise(found)]
    nouns: dict[str, _Noun] = {}
    transactions: dict[str, tuple[str, int, str | None]] = {}  # name -> (verb, index, object)
    verbs_on: list[tuple[str, int]] = []  # (verb, token index of the verb)
    roles: dict[str, list[str]] = {}

    skip: set[int] = set()  # heads already read into a compound noun
    # person noun -> its first compound ("driver" -> "delivery_driver")
    compounds: dict[str, str] = {}
    # opener[i]: the index of the word before the run of unbroken nouns that ends just before
    # token i (-1: none) -- one pass, where walking back from every token is quadratic in a
    # long run of nouns ("pre-seed pre-seed ..." x 1,500 took 4.5 s)
    opener = [-1] * len(tokens)
    for i in range(1, len(tokens)):
        k = i - 1
        opener[i] = opener[k] if not breaks[k] and _is_candidate(tokens[k]) else k
    clause_verbs = _clause_verbs(tokens, breaks)
    product_heads = _product_heads(tokens, breaks)
    record_verbs = _classes().record_verbs

    for i, tok in enumerate(tokens):
        if i in skip:
            continue
        lemma = _lemma_of_gerund(tok)
        prev = tokens[i - 1] if i else ""
        if lemma is not None:
            transactions.setdefault(_NOMINALIZE[lemma], (lemma, i, _object_after(tokens, i)))
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) and not breaks[i] else ""
        is_verb_slot = (
            i in clause_verbs
            or prev in _MODALS
            or prev in _VERB_ADVERBS
            or (prev == "to" and i >= 2 and not breaks[i - 1] and _infinitive(tokens, i, opener))
            or (
                prev == "to"
                and i >= 2
                and (
                    tokens[i - 2] in _TO_VERB_LEADS
                    or tokens[i - 2] in _PURPOSE_LEADS
                    or after in _PHRASE_OPENERS
                )
            )
        )
        if is_verb_slot and tok.isalpha() and len(tok) >= 3:
            base = _verb_base(tok)
            if base == tok and _plural_form(tok):
                base = singular(tok)  # "a tool that flags payments": the verb is "flag"
            if base in _NOMINALIZE and base not in _CRUD_VERBS:
                transactions.setdefault(_NOMINALIZE[base], (base, i, _object_after(tokens, i)))
            elif base not in _CRUD_VERBS and base not in _STOP:
                verbs_on.append((base, i))
            continue
        base = _verb_base(tok)
        if base in _PURE_VERBS and len(tok) >= 3:
            transactions.setdefault(_NOMINALIZE[base], (base, i, _object_after(tokens, i)))
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) and not breaks[i] else ""
        if nxt in _OBJECT_PRONOUNS and not named[i] and tok.isalpha() and len(tok) >= 3:
            # a word whose object is a pronoun is a verb, never a table: "upload recipes and
            # rate them" (a rating), "photograph it"
            if base in _NOMINALIZE and base not in _CRUD_VERBS:
                transactions.setdefault(_NOMINALIZE[base], (base, i, None))
            continue
        if named[i] or _context_word(tokens, i, nxt):
            continue
        if i in product_heads or _choice_verb(tokens, i, breaks):
            continue  # "a Slack bot that ...", "decide which ...": no record of its own
        if tok in record_verbs and i and not breaks[i - 1] and _plural_form(prev) and _person(prev):
            continue  # "inspectors file reports": the plural subject's verb, not a "file" report
        opens = nxt in _PHRASE_OPENERS or _adjective(nxt)
        if opens and (
            prev in ("that", "who", "which")
            or (prev != singular(prev) and (_is_candidate(prev) or prev in _USER_WORDS))
        ):
            # a plural subject (or a relative pronoun), then this word, then a new noun phrase:
            # "households log their energy", "walkers pin edible plants", "a tool that converts
            # my spreadsheet" -- the word is the sentence's verb
            continue
        if (nxt in _PHRASE_OPENERS or nxt in _OBJECT_PRONOUNS) and (i == 0 or breaks[i - 1]):
            # a clause that opens with a word and then a noun phrase is an imperative: "skip
            # the observability section", "keep it short"
            continue
        if tok in _USER_WORDS:
            if _acts(tok, singular(tok), prev, nxt):
                roles.setdefault("user", [])  # "users can ...": a role beside any named one
            continue
        j = i  # the noun's last token
        after_head = tokens[i + 2] if i + 2 < len(tokens) and not breaks[i + 1] else ""
        if (
            nxt
            and i + 1 not in product_heads
            and singular(nxt) in _ROLE_WORDS
            and singular(tok) != singular(nxt)
            and _classifies(tok, prev, tokens[i - 2] if i >= 2 else "", i - 1 in clause_verbs)
            and not (
                (i == 0 or breaks[i - 1])
                and (not after_head or after_head in _PREPOSITIONS | _PHRASE_OPENERS)
                and not _labels(text, found, i + 1)
            )
        ):
            # "case workers", "delivery drivers": the modifier says which people they are.
            # (At a clause's start a word before people and then a preposition is an
            # imperative verb: "match mentors to mentees", "schedule nurses across wards";
            # "Field technicians: ..." is a label.)
            head = nxt
            name = f"{tok}_{singular(head)}"
            compounds.setdefault(singular(head), name)
            j = i + 1
            skip.add(j)
            nxt = tokens[j + 1] if j + 1 < len(tokens) and not breaks[j] else ""
            if _acts(head, singular(head), prev, nxt):
                _add_role(roles, name, tokens, j, nxt)
                continue
        elif (
            nxt
            and i + 1 not in product_heads
            and singular(nxt) in _HEADS
            and _modifies(tok)
            and after_head not in _PHRASE_OPENERS
            and not _adjective(after_head)
        ):
            # "pet records", "watering shifts": the head alone would name a vague table
            head = nxt
            name = f"{tok if tok.endswith('ing') else singular(tok)}_{singular(head)}"
            j = i + 1
            skip.add(j)
            nxt = tokens[j + 1] if j + 1 < len(tokens) and not breaks[j] else ""
        else:
            if not _is_candidate(tok):
                continue
            head, name = tok, singular(tok)
            if name in _ROLE_WORDS:
                # "delivery drivers ... drivers log fuel": the same people as before
                name = compounds.get(name, name)
                if _acts(tok, singular(tok), prev, nxt):
                    _add_role(roles, name, tokens, i, nxt)
                    continue
            if name in _NOMINAL_SET:
                obj = None
                if nxt in ("of", "for") and i + 2 < len(tokens):
                    obj = _object_after(tokens, i + 1)
                transactions.setdefault(name, (_VERB_OF[name], i, obj))
                continue
        n = nouns.setdefault(name, _Noun(name=name, first=i))
        n.score += 1.0
        if head != singular(head):  # seen in plural: product nouns usually are
            n.score += 0.5
        # a noun directly before another noun only modifies it ("astronomy clubs")
        if not (_is_candidate(nxt) or nxt in _USER_WORDS) or j + 1 in product_heads:
            # ... unless the next noun is the product: a "meal planner" is about meals, as a
            # "recipe app" is about recipes
            n.modifier_only = False
        # the word that opens the noun phrase, before any nouns modifying this one
        k = opener[i]
        lead = tokens[k] if k >= 0 and not breaks[k] else ""
        if (lead in _CRUD_VERBS or lead in ("of", "for", "your", "their", "my", "our")) and not (
            _is_candidate(nxt) and j == i
        ):
            # the boost belongs to the phrase's head: in "their carbon footprint" it is
            # the footprint that is theirs, "carbon" only says which kind
            n.score += 1.0
        # "X of Y" / "X for Y": X belongs to Y
        if nxt in ("of", "for"):
            target = _object_after(tokens, j + 1)
            if target is not None:
                n.links.append(target)

    for name in roles:  # a person the prompt makes act anywhere is a role everywhere
        nouns.pop(name, None)
    for staff in roles.values():  # what a role runs for everyone is central to the product
        for target in staff:
            if target in nouns:
                nouns[target].score += 1.0
    for n in nouns.values():
        if n.modifier_only:
            n.score -= 1.5
    ranked = sorted(nouns.values(), key=lambda n: (-n.score, n.first, n.name))
    things = [n.name for n in ranked if n.score > 0][:MAX_THINGS]
    if not things and ranked:
        things = [ranked[0].name]
    tx = sorted(transactions.items(), key=lambda kv: kv[1][1])[:MAX_TRANSACTIONS]
    things = things[: max(MAX_ENTITIES - len(tx), 1)]
    links = {n.name: [t for t in n.links if t in things and t != n.name] for n in ranked}

    actions: list[tuple[str, str]] = []
    for verb, idx in verbs_on:
        target = _object_after(tokens, idx)
        if target in things and (verb, target) not in actions and _ident(verb):
            actions.append((verb, target))
    return _Reading(
        things=things,
        transactions=[(name, verb, obj) for name, (verb, _, obj) in tx],
        links=links,
        actions=actions[:MAX_ACTIONS],
        roles=roles,  # _role_list keeps the managed things that became entities
        money=bool(_MONEY_WORDS.search(text)),
        place=bool(_PLACE_WORDS.search(text)),
        photos=bool(_PHOTO_WORDS.search(text)),
    )


def _labels(text: str, found: list[re.Match[str]], j: int) -> bool:
    """Whether token ``j`` ends a label: a colon follows it ("Delivery drivers: ...")."""
    end = found[j + 1].start() if j + 1 < len(found) else len(text)
    return text[found[j].end() : end].strip().startswith(":")


def _add_role(roles: dict[str, list[str]], name: str, tokens: list[str], j: int, nxt: str) -> None:
    """Record the person noun ending at token ``j`` as a role, with what it runs for everyone
    when its verb is a staff verb ("librarians manage the catalog")."""
    staff = roles.setdefault(name, [])
    if _verb_base(nxt) in _STAFF_VERBS or nxt.removesuffix("s") in _STAFF_VERBS:
        target = _object_after(tokens, j + 1)
        if target is not None and target not in staff:
            staff.append(target)


def _context_word(tokens: list[str], i: int, nxt: str) -> bool:
    """A token that reads as a noun but names no table: a verb taking a pronoun object ("the
    app pushes them"), where the users are ("people in our town"), or the "back" of "back
    office"."""
    tok, prev = tokens[i], tokens[i - 1] if i else ""
    if nxt in _OBJECT_PRONOUNS and tok.endswith("s") and prev not in _DETERMINERS:
        return True
    if singular(tok) in _PLACES and prev in _OWNERS and i >= 2 and tokens[i - 2] in _PLACE_LEADS:
        return True
    return (tok == "back" and nxt in ("office", "offices")) or (
        singular(tok) == "office" and prev == "back"
    )


def _ident(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z][a-z0-9_]{0,39}", word))


def _words(name: str) -> str:
    return name.replace("_", " ")


def _segment(name: str) -> str:
    return plural(name).replace("_", "-")


def _user_entity() -> DomainEntity:
    return DomainEntity(
        name="user",
        plural="users",
        description="A registered account of someone using the product.",
        soft_delete=True,
        hot=True,
        retention="Kept while the account is active; erased 30 days after account deletion.",
        fields=[
            DomainField(
                name="email",
                type="email",
                description="Login identifier",
                unique=True,
                pii=True,
                max_length=254,
                example="ada@example.com",
                indexed=True,
            ),
            DomainField(
                name="password_hash",
                type="string",
                description="Argon2id hash of the password",
                max_length=255,
            ),
            DomainField(
                name="display_name",
                type="string",
                description="Name shown to other users",
                pii=True,
                max_length=80,
            ),
            DomainField(
                name="role",
                type="enum",
                description="Authorization role",
                enum_values=["user", "admin"],
                default="user",
            ),
        ],
    )


def _thing_entity(name: str, links: list[str], r: _Reading, primary: bool) -> DomainEntity:
    fields = [
        DomainField(
            name="title",
            type="string",
            description=f"Short name of the {_words(name)}",
            max_length=200,
        ),
        DomainField(
            name="details",
            type="text",
            description=f"Free-text description of the {_words(name)}",
            required=False,
            max_length=10000,
        ),
        DomainField(
            name="status",
            type="enum",
            description="Lifecycle state",
            enum_values=["active", "archived"],
            default="active",
            indexed=True,
        ),
    ]
    if primary and r.money:
        fields.append(
            DomainField(name="price", type="money", description="Price in minor units (cents)")
        )
    if primary and r.place:
        fields.append(
            DomainField(
                name="location",
                type="geo_point",
                description=f"Where the {_words(name)} is",
                required=False,
                indexed=True,
                # the precise position of something a person owns is personal data (GDPR
                # Art. 4(1) names location data)
                pii=True,
            )
        )
    if primary and r.photos:
        fields.append(
            DomainField(
                name="image_url",
                type="url",
                description="Photo in object storage",
                required=False,
            )
        )
    relations = [DomainRelation(target="user", field="owner_id", label="owns")]
    relations += [
        DomainRelation(
            target=t, field=f"{t}_id", label="belongs_to", required=False, on_delete="set_null"
        )
        for t in links
    ]
    return DomainEntity(
        name=name,
        plural=plural(name),
        description=f"{a_an(name).capitalize()} {_words(name)} managed in the product.",
        owner_field="owner_id",
        soft_delete=True,
        hot=primary,
        retention="Kept until its owner deletes it; erased with the owner's account.",
        relations=relations,
        fields=fields,
    )


def _transaction_entity(
    name: str, verb: str, obj: str | None, things: list[str], r: _Reading
) -> DomainEntity:
    fields = [
        DomainField(
            name="status",
            type="enum",
            description="Lifecycle state",
            enum_values=["requested", "confirmed", "completed", "cancelled"],
            default="requested",
            indexed=True,
        ),
        DomainField(
            name="notes",
            type="text",
            description="Notes from the requester",
            required=False,
            max_length=2000,
        ),
    ]
    if name in _TIMED:
        fields += [
            DomainField(name="starts_at", type="timestamp", description="Start", indexed=True),
            DomainField(name="ends_at", type="timestamp", description="End", required=False),
        ]
    if r.money and name in _PAID:
        fields.append(
            DomainField(name="amount", type="money", description="Amount in minor units (cents)")
        )
    relations = [DomainRelation(target="user", field="user_id", label=_third_person(verb))]
    # what the verb acts on ("renting telescopes" -> telescope); else the main things
    targets = [obj] if obj in things else things[:2]
    relations += [
        DomainRelation(target=t, field=f"{t}_id", label="involves", on_delete="restrict")
        for t in targets
    ]
    return DomainEntity(
        name=name,
        plural=plural(name),
        description=f"{a_an(name).capitalize()} {_words(name)} recorded when a user asks to "
        f"{verb} something.",
        owner_field="user_id",
        retention="Kept 7 years when money is involved (tax records), otherwise 2 years.",
        relations=relations,
        fields=fields,
    )


def _crud(e: DomainEntity, money: bool, tx: bool) -> list[DomainEndpoint]:
    seg = f"/{_segment(e.name)}"
    one = f"{seg}/{{{e.name}_id}}"
    body = [f.name for f in e.fields if f.name != "status"] + [
        r.field for r in e.relations if r.field != e.owner_field
    ]
    words = _words(e.name)
    return [
        DomainEndpoint(
            method="POST",
            path=seg,
            summary=f"Create {a_an(words)} {words}",
            entity=e.name,
            action="create",
            body_fields=body,
            money=money,
            critical=tx and not money,
            events=[f"{e.name}.created"],
            notifications=[f"{words} confirmation"] if tx else [],
        ),
        DomainEndpoint(
            method="GET",
            path=seg,
            summary=f"List {_words(e.plural)}",
            entity=e.name,
            action="list",
            pagination="cursor",
        ),
        DomainEndpoint(
            method="GET", path=one, summary=f"Get one {words}", entity=e.name, action="read"
        ),
        DomainEndpoint(
            method="PATCH",
            path=one,
            summary=f"Update {a_an(words)} {words}",
            entity=e.name,
            action="update",
            body_fields=[b for b in body if not b.endswith("_id")] or None,
            money=money,
            events=[f"{e.name}.updated"],
        ),
        DomainEndpoint(
            method="DELETE",
            path=one,
            summary=f"Delete {a_an(words)} {words}",
            entity=e.name,
            action="delete",
            priority="P1",
            events=[f"{e.name}.deleted"],
        ),
    ]


def _auth_endpoints() -> list[DomainEndpoint]:
    return [
        DomainEndpoint(
            method="POST",
            path="/auth/register",
            summary="Create an account",
            entity="user",
            action="auth",
            auth="public",
            events=["user.registered"],
            notifications=["welcome email"],
        ),
        DomainEndpoint(
            method="POST",
            path="/auth/login",
            summary="Exchange credentials for a session",
            entity="user",
            action="auth",
            auth="public",
            events=["auth.login.success", "auth.login.failed"],
        ),
        DomainEndpoint(
            method="POST",
            path="/auth/refresh",
            summary="Rotate the refresh token",
            entity="user",
            action="auth",
            auth="public",
        ),
        DomainEndpoint(
            method="POST",
            path="/auth/logout",
            summary="End the current session",
            entity="user",
            action="auth",
        ),
        DomainEndpoint(
            method="GET",
            path="/users/me",
            summary="The caller's profile",
            entity="user",
            action="read",
        ),
        DomainEndpoint(
            method="PATCH",
            path="/users/me",
            summary="Update the caller's profile",
            entity="user",
            action="update",
            body_fields=["display_name"],
        ),
    ]


def _role_list(r: _Reading, entities: list[str]) -> list[tuple[str, list[str]]]:
    """(role, entities it manages for everyone): the acting people the prompt names, or one
    ``user`` role when it names none."""
    out = [
        (name, [t for t in staff if t in entities])
        for name, staff in r.roles.items()
        if _ident(name) and name not in entities and name != "admin"
    ]
    return out or [("user", [])]


def _keeps(perm: str, role: str, staff: list[str], run_by: dict[str, str]) -> bool:
    """Whether ``role`` keeps ``perm``: another role's managed entity is read-only to it, and
    for its own managed entities the every-record grant replaces the ``:own`` one."""
    entity, _, rest = perm.partition(":")
    if entity in staff:
        return not rest.endswith(":own")
    return entity not in run_by or rest == "read"


def _with_roles(user: DomainEntity, roles: list[str]) -> DomainEntity:
    """The user entity with its ``role`` column taking exactly the model's roles."""
    fields = [
        f.model_copy(update={"enum_values": roles, "default": roles[0]}) if f.name == "role" else f
        for f in user.fields
    ]
    return user.model_copy(update={"fields": fields})


def generic_domain(prompt: str) -> DomainModel:
    """A domain model built from the prompt's nouns and verbs (never empty)."""
    r = _read(prompt)
    things = [t for t in r.things if _ident(t) and t != "user"] or ["item"]
    tx_names = {name for name, _, _ in r.transactions}
    things = [t for t in things if t not in tx_names] or ["item"]
    primary = things[0]

    entities = [_user_entity()]
    seen = {"user", "users"}
    for t in things:
        if t in seen or plural(t) in seen:
            continue
        seen |= {t, plural(t)}
        entities.append(_thing_entity(t, r.links.get(t, []), r, t == primary))
    thing_names = [e.name for e in entities[1:]]
    for name, verb, obj in r.transactions:
        if name in seen or plural(name) in seen or not _ident(name):
            continue
        seen |= {name, plural(name)}
        entities.append(_transaction_entity(name, verb, obj, thing_names, r))

    tx_entities = [e for e in entities[1:] if e.name not in thing_names]
    endpoints = _auth_endpoints()
    for e in entities[1:]:
        has_money = any(f.type == "money" for f in e.fields)
        endpoints += _crud(e, money=has_money, tx=e in tx_entities)
    for verb, target in r.actions:
        if target not in thing_names:
            continue
        path = f"/{_segment(target)}/{{{target}_id}}/{verb}"
        if any(ep.path == path for ep in endpoints):
            continue
        endpoints.append(
            DomainEndpoint(
                method="POST",
                path=path,
                summary=f"{verb.capitalize()} {a_an(target)} {_words(target)}",
                entity=target,
                action="action",
                events=[f"{target}.{verb}"],
            )
        )

    names = [e.name for e in entities[1:]]
    user_perms = ["user:read:own", "user:update:own"]
    for n in names:
        user_perms += [f"{n}:create", f"{n}:read", f"{n}:update:own", f"{n}:delete:own"]
    user_perms += [f"{t}:{v}" for v, t in r.actions if t in names]
    admin_perms = ["user:read", "user:update", "user:suspend", "role:assign", "audit_log:read"]
    for n in names:
        admin_perms += [f"{n}:read", f"{n}:update", f"{n}:delete"]
    role_list = _role_list(r, names)
    # an entity a role runs for everyone ("librarians manage the catalog"): only that role
    # writes it, the others read it
    run_by = {t: name for name, staff in reversed(role_list) for t in staff}
    roles = [
        DomainRole(
            name=name,
            description=f"A signed-in {_words(name)}: manages their own records"
            + (f" and every {', '.join(_words(t) for t in staff)}" if staff else "")
            + ".",
            permissions=[
                p
                for p in dict.fromkeys(
                    user_perms + [f"{t}:{op}" for t in staff for op in ("update", "delete")]
                )
                if _keeps(p, name, staff, run_by)
            ],
        )
        for name, staff in role_list
    ]
    endpoints = [
        ep.model_copy(update={"role": run_by[ep.entity]})
        if ep.entity in run_by and ep.action in ("create", "update", "delete", "action")
        else ep
        for ep in endpoints
    ]
    roles.append(
        DomainRole(
            name="admin",
            description="An operator with access to every record and to role management.",
            permissions=admin_perms,
        )
    )
    entities[0] = _with_roles(entities[0], [role.name for role in roles])

    money = any(f.type == "money" for e in entities for f in e.fields)
    jobs = [
        DomainJob(
            name="email.welcome",
            trigger="user.registered",
            description="Send the welcome email",
            external="Amazon SES",
        )
    ]
    for e in entities[1:3]:
        jobs.append(
            DomainJob(
                name=f"{e.name}.notify",
                trigger=f"{e.name}.created",
                description=f"Notify the users concerned about a new {_words(e.name)}",
            )
        )
    for e in tx_entities:
        if any(f.type == "money" for f in e.fields):
            jobs.append(
                DomainJob(
                    name=f"{e.name}.payment_capture",
                    trigger=f"{e.name}.created",
                    description=f"Charge the user for the {_words(e.name)}",
                    external="Stripe",
                )
            )
            break

    metrics = [
        BusinessMetric(name="users_registered_total", type="counter", description="Sign-ups"),
        BusinessMetric(
            name="daily_active_users", type="gauge", description="Users active in the last day"
        ),
    ]
    for e in entities[1:]:
        metrics.append(
            BusinessMetric(
                name=f"{e.plural}_created_total",
                type="counter",
                description=f"{_words(e.plural).capitalize()} created",
            )
        )
    metrics.append(
        BusinessMetric(
            name=f"{plural(primary)}_list_seconds",
            type="histogram",
            description=f"Time to serve a page of {_words(plural(primary))}",
        )
    )
    third = ["Amazon SES"] + (["Stripe"] if money else [])
    return DomainModel(
        archetype="generic",
        source="generic",
        entities=entities,
        endpoints=endpoints,
        roles=roles,
        default_role=roles[0].name,
        jobs=jobs,
        metrics=metrics,
        third_parties=third,
    )
