"""Review 7: four products that got another product's model (sweep on main f04f9d4).

1. Matching professionals - co-founders, mentors, investors - was a multiplayer game ("matchmaking"
   alone weighed 8 there), a chat app or the generic fallback.
2. Field service / maintenance management (CMMS): technicians dispatched to sites with work orders
   and parts were ride hailing ("dispatch"), local services or even healthcare ("hospitals").
3. A law firm's case and matter management was generic or time tracking.
4. Warranty claims, RMAs and product registrations were insurance (policies, premiums) or generic.

Each group: held-out paraphrases written in other words and nouns than the sweep's prompts (all
of them took another archetype on main), near misses that must keep their archetype, and a check
of the model the new archetype brings. All run through ``extract`` (the whole Stage 1).
"""

from __future__ import annotations

import pytest

from archwright.api import generate
from archwright.intake.extract import extract


def _arch(prompt: str) -> str:
    return extract(prompt)[0].product.archetype.value


def _entities(prompt: str) -> set[str]:
    return {e.name for e in extract(prompt)[1].entities}


# ---------------------------------------------------------------- 1. professional matching
PROFESSIONAL = [
    "Matchmaking for co-founders: profiles, skills, messaging.",
    "Connect startup founders with investors: profiles, intro requests, messaging",
    "A mentorship platform pairing junior developers with senior mentors for weekly sessions",
    "Help first-time entrepreneurs find a technical partner to start a company with, based on skills and commitment.",
    "An app where experienced product managers volunteer an hour a month to advise people switching careers into tech.",
    "Our accelerator wants to introduce each startup in the cohort to the right angel investors and track who accepted.",
    "Women in engineering network: members are paired with a senior mentor and book monthly calls.",
    "Alumni network where graduates offer career advice and students request introductions.",
    "A site where retired executives coach young founders through monthly video calls.",
    "Help developers find a business-minded partner to build a startup together.",
    "Angel investors browse vetted startups and ask for an intro to the founders.",
    "Speed networking for freelancers: suggest three people to meet each week based on skills and interests.",
]

PROFESSIONAL_NEAR_MISSES = [
    # game matchmaking keeps its game context
    ("multiplayer_game", "An online game with ranked matchmaking and lobbies"),
    (
        "multiplayer_game",
        "Backend for a mobile battle royale: matchmaking, leaderboards and in-game purchases.",
    ),
    (
        "multiplayer_game",
        "Skill-based matchmaking service for our 5v5 shooter with regional servers.",
    ),
    ("multiplayer_game", "matchmaking and lobbies for a chess app, with elo ratings"),
    ("multiplayer_game", "Matchmaking queue for a 2v2 racing game with regional servers and MMR."),
    ("multiplayer_game", "We need matchmaking for our mobile card game plus a global leaderboard."),
    ("dating", "A dating app with swipes and matches"),
    ("dating", "Matchmaking for singles in their 40s with video dates."),
    ("chat_messaging", "A chat app for teams with channels, threads and direct messages."),
    (
        "job_board",
        "A job board where recruiters search candidates' resumes and invite them to interviews.",
    ),
    ("tutoring_marketplace", "Find a maths tutor for your kid and have lessons over Zoom."),
    (
        "crowdfunding_donations",
        "Equity crowdfunding platform where investors back startups with small amounts.",
    ),
    (
        "social_network",
        "A community platform for knitters: profiles, a feed of projects, comments and followers.",
    ),
    # a mentor or networking as one feature of another product
    ("education_lms", "An LMS where mentors review students' coding assignments."),
    ("generic", "Employee onboarding portal with a buddy/mentor assigned to each new hire."),
    ("generic", "Event app for a tech conference: agenda, speakers, networking with attendees."),
]


# "matchmaking" with no game named: the people being matched decide
MATCHMAKING_WITHOUT_A_GAME = [
    ("professional_matching", "Matchmaking for co-founders: profiles, skills, messaging."),
    ("dating", "A matchmaking service for people looking for long-term relationships."),
]


@pytest.mark.parametrize(("expected", "prompt"), MATCHMAKING_WITHOUT_A_GAME)
def test_matchmaking_needs_a_game_to_be_a_game(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


@pytest.mark.parametrize("prompt", PROFESSIONAL)
def test_matching_professionals_is_professional_matching(prompt: str) -> None:
    assert _arch(prompt) == "professional_matching"


@pytest.mark.parametrize(("expected", "prompt"), PROFESSIONAL_NEAR_MISSES)
def test_professional_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_bare_matchmaking_is_no_game() -> None:
    signals, domain = extract(PROFESSIONAL[0])
    names = {e.name for e in domain.entities}
    assert {"member_profile", "member_skill", "match_suggestion", "intro_request"} <= names
    assert {"connection", "mentorship_session", "message", "member_block", "member_report"} <= names
    assert not names & {"player_profile", "matchmaking_ticket", "leaderboard_entry"}
    assert "matchmaking" in signals.product.archetype.evidence.lower()


# ---------------------------------------------------------------- 2. field service / CMMS
FIELD_SERVICE = [
    "HVAC field service: technicians, work orders, scheduling visits, parts",
    "Dispatch plumbers to jobs, track work orders and parts",
    "A CMMS for hospitals: equipment, preventive maintenance, work orders, technicians",
    "Maintenance management for a factory: assets, preventive maintenance schedules, work orders",
    "Our elevator company needs to send engineers out for breakdowns and yearly inspections, log what they replaced and bill the building owner.",
    "App for a pool cleaning business: which tech goes to which house each day, a checklist per visit, chemicals used and monthly invoices.",
    "Keep track of every machine in our plant, schedule servicing every 500 running hours and let the maintenance crew close jobs on a tablet.",
    "Software for a solar installer: schedule installation crews, site surveys, photos and sign-off by the homeowner.",
    "Facilities team at a university: staff report broken equipment, we assign a technician, track parts and preventive checks.",
    "Job scheduling for a pest control company: routes for each technician, service reports, chemicals applied and invoices.",
    "Track the maintenance of every forklift, conveyor and compressor in our warehouses, with recurring inspections and repair tickets for the engineers.",
    "Mobile app for installers: see today's jobs, take photos, record the parts they used and get the customer to sign.",
    "Boiler servicing company: customers, their boilers, annual service reminders and engineer visits.",
]

FIELD_SERVICE_NEAR_MISSES = [
    ("ride_hailing_delivery", "A ride-hailing app for drivers and riders"),
    (
        "ride_hailing_delivery",
        "same-day parcel courier app: senders book a pickup, the nearest courier is dispatched and the recipient follows the parcel live",
    ),
    (
        "ride_hailing_delivery",
        "Dispatch drivers to pick up passengers, with fares and live tracking.",
    ),
    ("local_services", "A marketplace to find trusted plumbers and electricians near you."),
    ("local_services", "Book a handyman for small home repairs, compare quotes and leave reviews."),
    (
        "property_management",
        "Landlord app: tenants submit maintenance requests and we assign work orders to contractors.",
    ),
    (
        "fleet_management",
        "Fleet management for our 40 delivery vans: maintenance schedules, fuel logs and driver assignments.",
    ),
    ("fleet_management", "Track our 200 trucks, fuel cards, oil changes and driver logs."),
    (
        "iot_telemetry",
        "IoT platform: factory machines send vibration and temperature readings every second for predictive alerts.",
    ),
    ("helpdesk_support", "IT help desk where employees open support tickets and agents reply."),
    (
        "inventory_warehouse",
        "Spare parts inventory for our warehouse with barcode scanning and reorder points.",
    ),
    ("workforce_scheduling", "Shift scheduling for our restaurant staff with time-off requests."),
]


@pytest.mark.parametrize("prompt", FIELD_SERVICE)
def test_maintenance_work_is_field_service(prompt: str) -> None:
    assert _arch(prompt) == "field_service"


@pytest.mark.parametrize(("expected", "prompt"), FIELD_SERVICE_NEAR_MISSES)
def test_field_service_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_dispatched_technicians_get_work_orders_not_trips() -> None:
    signals, domain = extract(
        "A field service app for HVAC companies: dispatch technicians to customer sites, "
        "work orders, parts used, invoices"
    )
    names = {e.name for e in domain.entities}
    assert signals.product.archetype.value == "field_service"
    assert {"customer", "site", "equipment", "work_order", "visit", "part", "part_usage"} <= names
    assert {"checklist_template", "checklist_response", "maintenance_plan", "invoice"} <= names
    assert not names & {"trip", "fare_rule", "driver_profile", "driver_payout"}


def test_a_hospital_cmms_is_not_phi() -> None:
    signals, _ = extract(FIELD_SERVICE[2])
    assert signals.data.sensitivity.value != "health"
    assert "hipaa" not in signals.constraints.compliance.value


# ---------------------------------------------------------------- 3. legal case management
LEGAL = [
    "Case management for a law firm: matters, clients, documents, court deadlines, billable hours",
    "Law firm software for cases, clients, documents and deadlines",
    "Legal practice management: matters, conflict checks, court dates, trust accounting",
    "We're a small immigration practice; we need to keep each client's case files, filing deadlines and hearing dates in one place.",
    "Software for a personal injury firm to track lawsuits, opposing counsel, settlement talks and the statute of limitations.",
    "A legal aid clinic wants to log new clients, run a conflict search, and assign volunteer attorneys to each case.",
    "Litigation tracker for our in-house lawyers: court dates, pleadings, privileged documents.",
    "A tool for our family law practice: client files, custody hearing dates, documents shared with clients.",
    "Attorneys need to see every case, the opposing counsel, filing deadlines, and keep privileged notes.",
    "Solicitors' practice software with conflict searches before taking on a new client.",
    "Court calendar and docketing for a 40-lawyer litigation firm.",
]

LEGAL_NEAR_MISSES = [
    # hours billed per client stay time_billing, even for lawyers
    (
        "time_billing",
        "A lawyer's timesheet tool: billable time per client matter, hourly rates, invoices.",
    ),
    ("time_billing", "Timesheets for a consultancy with billable hours and invoices"),
    ("time_billing", "Freelance designers log hours per client and send invoices."),
    # an agreement's life cycle stays contract_management
    (
        "contract_management",
        "Contract management for our legal team: store agreements, approvals and e-signatures.",
    ),
    ("contract_management", "Draft, redline and e-sign NDAs and MSAs with a clause library."),
    (
        "contract_management",
        "A document management system for a law firm with case files, client portal, e-signatures and strict audit trails.",
    ),
    ("helpdesk_support", "A customer support ticketing system with SLAs and a knowledge base."),
    # lawyers as the audience of another product
    ("generic", "Legal Q&A forum where people ask lawyers questions."),
    ("generic", "App for lawyers to find freelance paralegals."),
]


@pytest.mark.parametrize("prompt", LEGAL)
def test_a_law_firms_cases_are_legal_case_management(prompt: str) -> None:
    signals, _ = extract(prompt)
    assert signals.product.archetype.value == "legal_case_management"
    # client confidentiality; money words (trust accounting, settlements) may raise it to financial
    assert signals.data.sensitivity.value in ("legal", "financial")


@pytest.mark.parametrize(("expected", "prompt"), LEGAL_NEAR_MISSES)
def test_legal_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_a_legal_aid_clinic_is_no_health_data() -> None:
    signals, _ = extract(LEGAL[5])
    assert signals.data.sensitivity.value == "legal"
    assert "hipaa" not in signals.constraints.compliance.value


def test_social_work_case_management_is_no_law_firm() -> None:
    assert _arch("Case management for social workers: clients, home visits and care plans.") != (
        "legal_case_management"
    )


def test_law_firm_tenant_saas_for_billable_hours_keeps_time_billing() -> None:
    ev = extract("a B2B SaaS platform for law firms to track billable hours and client matters")[
        0
    ].product.archetype.evidence
    assert "entities from time_billing" in ev


def test_legal_model_has_matters_conflicts_privilege_and_trust() -> None:
    signals, domain = extract(LEGAL[2])
    names = {e.name for e in domain.entities}
    assert {"client", "matter", "party", "conflict_check", "matter_document", "deadline"} <= names
    assert {"time_entry", "invoice", "trust_entry"} <= names
    document = domain.entity("matter_document")
    assert document is not None and any(f.name == "privileged" for f in document.fields)
    for name in ("conflict_check", "trust_entry"):
        entity = domain.entity(name)
        assert entity is not None and entity.append_only, name
    assert signals.data.consistency.value == "strong"


# ---------------------------------------------------------------- 4. warranty claims
WARRANTY = [
    "Warranty claims for an appliance maker: product registrations, serial numbers, claims, repairs",
    "Warranty claim processing with RMAs and repair centers",
    "Product registration and warranty portal",
    "An app to manage warranty claims for our electronics: customers register products, submit claims, we ship replacements",
    "Our e-bike brand needs a way for riders to report a faulty battery, check if it's still covered, and send it to the nearest authorised repair shop.",
    "Customers enter their serial number and receipt, and we decide whether to repair or replace the broken unit.",
    "Returns authorisation portal for our power tools: customers request an RMA, print a label, we inspect and replace.",
    "Manufacturer portal where dealers submit warranty claims for tractors and get reimbursed for parts and labour.",
    "Let buyers of our washing machines register them and ask for a repair when they break within two years.",
    "RMA management for a network hardware vendor: check serial numbers, ship advance replacements.",
    "We sell headphones; we need a flow for defective units: customer uploads a receipt, we approve a replacement.",
]

WARRANTY_NEAR_MISSES = [
    ("insurance", "Car insurance claims with photos and adjusters"),
    (
        "insurance",
        "Phone insurance with monthly premiums: customers file claims for cracked screens.",
    ),
    (
        "insurance",
        "An insurance broker portal where clients upload documents and compare policies.",
    ),
    (
        "insurance",
        "Claims processing for a home insurer: first notice of loss, adjusters, payouts.",
    ),
    ("insurance", "Pet insurance app: owners pay premiums and file claims for vet bills."),
    # a shop stating its products' warranty sells them; it does not run the claims
    (
        "ecommerce",
        "An online store for electronics with cart, checkout and a 2-year warranty on every product.",
    ),
    (
        "ecommerce",
        "Online shop selling refurbished laptops with a 12-month warranty, cart and checkout.",
    ),
    ("ecommerce", "Returns and refunds for our Shopify store."),
]


@pytest.mark.parametrize("prompt", WARRANTY)
def test_product_warranty_claims_are_warranty_claims(prompt: str) -> None:
    assert _arch(prompt) == "warranty_claims"


@pytest.mark.parametrize(("expected", "prompt"), WARRANTY_NEAR_MISSES)
def test_warranty_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_warranty_model_has_no_policy_or_premium() -> None:
    names = _entities(WARRANTY[1])
    assert {"product_model", "warranty_term", "serial_unit", "product_registration"} <= names
    assert {"warranty_claim", "rma", "repair_order", "service_center", "reimbursement"} <= names
    assert not names & {"policy", "premium_payment", "quote", "insurance_product"}


# ---------------------------------------------------------------- generated documents pass the gate
@pytest.mark.parametrize("prompt", [PROFESSIONAL[1], FIELD_SERVICE[0], LEGAL[0], WARRANTY[0]])
def test_review7_documents_pass_the_gate(prompt: str) -> None:
    doc = generate(prompt)
    assert doc.verification.passed, [c for c in doc.verification.checks if not c.passed]
