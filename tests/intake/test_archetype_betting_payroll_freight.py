"""Three products that had no archetype and got another product's model (lead 2d51b28).

1. Sports betting (sportsbooks, betting exchanges, real-money fantasy contests) fell to generic:
   Stage 1 guessed PII sensitivity and flexible consistency and a wide-column primary, for a
   product where money is staked and paid out.
2. Payroll (salaries computed, tax withheld, paid by direct deposit) was b2b_saas with plans and
   seats ("payroll" was one of its business words).
3. Freight and container visibility (containers on vessels between ports) was ride hailing
   ("logistics", "real time"): drivers and fares.

Each group: held-out paraphrases in other words than the sweep's prompts, near misses that must
keep the archetype they had before, and a check of the model and the decisions it drives.
"""

from __future__ import annotations

import pytest

from archwright.api import generate
from archwright.intake.extract import extract


def _arch(prompt: str) -> str:
    return extract(prompt)[0].product.archetype.value


def _entities(prompt: str) -> set[str]:
    return {e.name for e in extract(prompt)[1].entities}


BETTING = [
    "Real-time sports betting platform, odds update every second, 300k concurrent users during big matches. Must be licensed in the UK.",
    "We want to launch an online bookmaker where punters can place bets on football and horse racing.",
    "A sportsbook app with in-play odds, accumulators and cash out for US states where wagering is legal.",
    "Build a betting exchange where users back and lay outcomes against each other; we take a commission.",
    "Daily fantasy sports contests with cash prizes and entry fees for NFL fans.",
    "Our company runs a wagering site for tennis and cricket; customers deposit money and we need deposit limits and self-exclusion.",
    "bet365 clone",
    "Mobile app for placing wagers on NBA games, parlays included, with live odds.",
    "Let fans put money on the next goal scorer during live matches and settle instantly.",
    "horse racing punters app",
    "We are a licensed gambling operator adding esports markets; players fund an account and bet on match winners.",
]

BETTING_NEAR_MISSES = [
    # fantasy sports with no money at stake stays a social product
    (
        "social_network",
        "A fantasy football league app for friends, no money involved, just bragging rights.",
    ),
    (
        "social_network",
        "Fantasy football league app where friends draft players and track weekly scores.",
    ),
    ("event_ticketing", "A ticketing site for concerts and football matches with seat selection."),
    ("multiplayer_game", "Multiplayer trivia game with live leaderboards during football matches."),
    ("payments_fintech", "Stock trading app with real-time quotes and order book."),
]

PAYROLL = [
    "Payroll service for small businesses in the US handling tax withholding and direct deposit.",
    "We need software to run payroll for our clients: calculate salaries, generate payslips and pay staff by BACS.",
    "An app that processes wages for restaurants every two weeks, prints pay stubs and files quarterly taxes.",
    "Salary processing platform for European employers with net pay calculation and pension contributions.",
    "Gusto competitor for startups: pay runs, W-2s and 1099s.",
    "Help nonprofits pay their staff each month: gross-to-net, PAYE and national insurance, payslips by email.",
    "payroll software",
    "Set up direct deposit and tax withholding for our 12 employees every month.",
    "A tool that calculates paychecks for hourly workers, withholds federal and state taxes and sends the money by ACH.",
]

PAYROLL_NEAR_MISSES = [
    ("generic", "An HR onboarding tool for new employees with document checklists."),
    ("internal_tool", "Internal tool for employees to submit expense claims and get reimbursed."),
    (
        "generic",
        "Expense management app where staff photograph receipts and managers approve reimbursements.",
    ),
    ("personal_finance", "Personal budgeting app to track my salary and spending."),
    ("workforce_scheduling", "Shift scheduling app for restaurant staff with timesheets."),
    # payroll as the destination of another product's data, or one module of an HR suite
    (
        "workforce_scheduling",
        "We pay 300 warehouse temps by the hour and need timesheets from their clock-ins, with overtime flagged for payroll.",
    ),
    ("b2b_saas", "HR platform for small businesses with onboarding, time off and payroll."),
    ("time_billing", "Time tracking for freelancers with invoicing."),
]

FREIGHT = [
    "Our logistics company needs to track 3,000 shipping containers across ports in real time and predict delays.",
    "Freight forwarding platform where shippers see where their ocean freight is and download the bill of lading.",
    "We move cargo from Asia to Europe by sea; customers want to know the vessel ETA and get alerts when a container is delayed.",
    "Container visibility tool for importers: follow each box from the origin port to the warehouse.",
    "Build a supply chain visibility dashboard that ingests carrier milestones and AIS data and predicts arrival times.",
    "An air freight portal where our clients follow their consignments, customs clearance and air waybills.",
    "ocean freight tracking",
    "Our shipping line wants customers to see where their containers are and when ships arrive.",
    "Importers lose money on demurrage; we want to monitor containers at the terminals and warn before free days run out.",
]

FREIGHT_NEAR_MISSES = [
    (
        "ride_hailing_delivery",
        "A parcel delivery app where couriers pick up packages and customers track them live.",
    ),
    ("food_delivery", "Food delivery app with restaurants, couriers and live order tracking."),
    ("fleet_management", "GPS tracker for our fleet of 200 trucks with maintenance schedules."),
    ("inventory_warehouse", "Warehouse management system with barcode scanning and pick lists."),
    ("ride_hailing_delivery", "A ride-hailing app like Uber with drivers and fares."),
    # a trucking dispatcher's route planning keeps the dispatch model
    (
        "ride_hailing_delivery",
        "Logistics platform for trucking companies: dispatch, route optimization and shipment tracking.",
    ),
]


# the new archetypes' weak words in other trades' senses: Docker containers, network ports, a
# shell's terminals, Rust's cargo, a poker calculator's odds, gambling addiction, payroll as
# somewhere data goes. Each keeps the archetype it had before.
OTHER_SENSES = [
    ("generic", "A port scanner that checks open ports on our servers and alerts on changes."),
    ("generic", "Kubernetes dashboard to track running containers and their CPU usage."),
    ("generic", "Monitor our Docker containers and restart them when they crash."),
    ("generic", "SSH terminals in the browser for our engineers."),
    ("generic", "A crates registry like cargo for our internal Rust packages."),
    ("generic", "Compare mobile carriers' plans and switch providers."),
    ("healthcare", "Medical imaging app that segments blood vessels in CT scans."),
    ("ecommerce", "Online store selling food storage containers with Stripe checkout."),
    ("multiplayer_game", "A poker odds calculator for learning players."),
    ("generic", "Gambling addiction recovery app with counsellors and daily check-ins."),
    ("metrics_analytics", "Analytics tool that reports odds ratios for our clinical trial data."),
    ("project_management", "We bet on PostgreSQL; build a todo app with a REST API."),
    ("b2b_saas", "Employee directory that syncs with our payroll."),
    ("job_board", "Job board that shows salaries for each posting."),
    ("event_ticketing", "Lottery ticket sales app with weekly draws and winner payouts."),
]


@pytest.mark.parametrize(("expected", "prompt"), OTHER_SENSES)
def test_other_senses_of_the_new_words_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


@pytest.mark.parametrize("prompt", BETTING)
def test_betting_paraphrases(prompt: str) -> None:
    assert _arch(prompt) == "sports_betting"


@pytest.mark.parametrize("prompt", PAYROLL)
def test_payroll_paraphrases(prompt: str) -> None:
    assert _arch(prompt) == "payroll"


@pytest.mark.parametrize("prompt", FREIGHT)
def test_freight_paraphrases(prompt: str) -> None:
    assert _arch(prompt) == "freight_tracking"


@pytest.mark.parametrize(
    ("expected", "prompt"), BETTING_NEAR_MISSES + PAYROLL_NEAR_MISSES + FREIGHT_NEAR_MISSES
)
def test_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_betting_model_is_money_on_a_ledger() -> None:
    prompt = BETTING[1]
    s, domain = extract(prompt)
    names = {e.name for e in domain.entities}
    assert {"wallet", "ledger_entry", "market", "selection", "bet", "bet_leg"} <= names
    assert {"gambling_limit", "self_exclusion", "kyc_verification"} <= names
    assert s.data.sensitivity.value == "financial"
    assert s.data.consistency.value == "strong"
    assert s.scale.traffic_pattern.value == "spiky"
    # no money word stated: the archetype's default says financial, and says why
    bare = extract("bet365 clone")[0].data.sensitivity
    assert bare.value == "financial" and bare.evidence.startswith("INFERRED:")


@pytest.mark.parametrize("prompt", [BETTING[2], BETTING[5]])
def test_betting_words_state_financial_data(prompt: str) -> None:
    # "wagering is legal" and "deposit money" named the data: money staked is financial, not
    # legal (a lawsuit) or merely personal
    assert extract(prompt)[0].data.sensitivity.value == "financial"


def test_payroll_model_has_pay_runs_withholdings_and_deposits() -> None:
    s, domain = extract(PAYROLL[0])
    names = {e.name for e in domain.entities}
    assert {"employee", "pay_schedule", "pay_run", "pay_stub", "pay_line", "bank_account"} <= names
    assert {"tax_election", "tax_filing", "payment"} <= names
    assert "subscription" not in names and "plan" not in names
    assert s.data.sensitivity.value == "financial"
    assert s.data.consistency.value == "strong"
    bank = next(e for e in domain.entities if e.name == "bank_account")
    assert any(f.name == "account_number" and f.sensitive for f in bank.fields)


def test_freight_model_tracks_containers_not_drivers() -> None:
    s, domain = extract(FREIGHT[0])
    names = {e.name for e in domain.entities}
    assert {"shipment", "container", "vessel", "voyage", "port_call", "tracking_event"} <= names
    assert {"eta_prediction", "document", "customer"} <= names
    assert not {"driver", "trip", "fare", "ride"} & names
    events = next(e for e in domain.entities if e.name == "tracking_event")
    assert events.append_only
    # late, out-of-order feed events: the timeline may lag; no money moves
    assert s.data.consistency.value == "eventual"
    assert s.data.sensitivity.value == "pii"


@pytest.mark.parametrize(
    ("prompt", "archetype", "family"),
    [
        (BETTING[0], "sports_betting", "sql"),
        (BETTING[3], "sports_betting", "sql"),
        (PAYROLL[0], "payroll", "sql"),
        (PAYROLL[1], "payroll", "sql"),
        (FREIGHT[0], "freight_tracking", None),
        (FREIGHT[2], "freight_tracking", None),
    ],
)
def test_whole_document_passes_the_gate(prompt: str, archetype: str, family: str | None) -> None:
    doc = generate(prompt)
    assert doc.signals.product.archetype.value == archetype
    assert doc.verification.passed
    if family is not None:  # money moves: a transactional primary
        assert doc.data_strategy.primary_database_family == family
