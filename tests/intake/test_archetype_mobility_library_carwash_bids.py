"""Four products that got another product's model (sweep of plain-language prompts, main f04f9d4).

1. Shared e-scooters and bikes were parking ("geofenced parking zones"), rental (bike sharing was
   a rental trigger) or generic ("a Lime clone"): now micromobility_sharing.
2. A library that lends books was rental ("late fees") or generic: now library_management.
3. A car wash membership with plate recognition was parking: a plate read alone no longer names
   a car park, and car washes have their own small model (car_wash).
4. "Collectors list watches and others can bid on them" was local_services: bidding on listed
   goods is an auction, while pros bidding on posted jobs stay local_services.

Held-out paraphrases use other nouns and wording than the triggers (all failed on main at
f04f9d4); near misses must keep their archetype.
"""

from __future__ import annotations

import pytest

from archwright.api import generate
from archwright.intake.extract import extract


def _arch(prompt: str) -> str:
    return extract(prompt)[0].product.archetype.value


# ---------------------------------------------------------------- 1. shared micromobility
MICROMOBILITY = [
    "Fleet of e-scooters: unlock with the app, per-minute billing, geofenced parking zones.",
    "A Lime clone: electric scooters you unlock and pay per minute",
    "Dockless e-bikes across the city: riders scan a QR code to start a ride and leave the bike anywhere inside the service area",
    "We operate 2,000 shared electric mopeds; users find one on the map, ride it and pay by the minute",
    "Our ops team swaps scooter batteries at night and needs to see which scooters are low on charge",
    "e-scooter sharing in three cities: unlock a scooter with the app and pay by the minute",
    "bike-sharing scheme for our city with docking stations",
    "Citywide shared bikes: pick one up at a station, drop it at another, pay per ride",
    "Micromobility startup: scooters, slow zones near schools and no-parking areas drawn on a map",
    "An app to rent e-scooters parked around the city and pay per minute",
    "Electric scooter app with parking zones where rides must end",
    "We're launching rentable e-bikes on a university campus: students unlock them with their phone",
    "An app like Lime or Bird for our city",
    "people grab a scooter off the street with their phone and leave it wherever they finish",
    "We want to put 500 electric bikes around Lisbon that anyone can hop on and pay for with the app",
    "Our bike scheme has 80 stations; members take a bike with their card and get charged if they keep it over 30 minutes",
    "I'm building a Bird competitor for Latin America",
    "a dock-based bike rental system with 200 stations across Paris",
]

MICROMOBILITY_NEAR_MISSES = [
    # a shop's or depot's hire by the day or hour stays rental, and so do shared cars
    ("rental", "rent a bike for the day in Amsterdam"),
    ("rental", "bike hire shop with daily rates and a deposit"),
    ("rental", "e-bike rental shop at the lake: hourly rates, helmets, deposit"),
    ("rental", "Kick-scooter rental for tourists from our shop by the day"),
    ("rental", "car rental app where customers pay per day plus mileage"),
    ("rental", "car sharing club: members book a car by the hour and unlock it with a card"),
    (
        "rental",
        "An electric car sharing service where members unlock cars with the app and pay per minute",
    ),
    # a car park named first stays parking, even when scooters may park there
    ("parking", "Parking app: drivers find a free space in a garage and pay by the minute"),
    (
        "parking",
        "A parking app for motorbikes and scooters with per-minute pricing in city garages",
    ),
    (
        "food_delivery",
        "people pick dinner from lots of nearby takeaways in one app and a rider on a scooter brings it",
    ),
    ("fitness_tracking", "cycling app that records my bike rides and distance"),
    ("ecommerce", "online shop selling electric scooters and e-bikes"),
    # a vehicle word alone is not a shared fleet
    ("generic", "A moped delivery service for groceries"),
    (
        "membership_organization",
        "Cycling club app where members hop on their bikes for group rides every Sunday",
    ),
    ("internal_tool", "Cycle to work scheme portal for our employees"),
    ("booking_reservations", "online booking for our scooter repair shop"),
    (
        "fleet_management",
        "fleet management for our company vans with service reminders by mileage",
    ),
]


@pytest.mark.parametrize("prompt", MICROMOBILITY)
def test_shared_scooters_and_bikes_are_micromobility(prompt: str) -> None:
    assert _arch(prompt) == "micromobility_sharing"


@pytest.mark.parametrize(("expected", "prompt"), MICROMOBILITY_NEAR_MISSES)
def test_micromobility_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_micromobility_model_has_live_vehicles_rides_and_zones() -> None:
    signals, domain = extract(MICROMOBILITY[0])
    names = {e.name for e in domain.entities}
    assert {"vehicle", "ride", "zone", "vehicle_telemetry", "unlock_attempt"} <= names
    assert {"fleet_task", "ride_payment", "pricing_plan", "service_area"} <= names
    assert not names & {"car_park", "parking_session", "rental_unit", "reservation"}, names
    vehicle = domain.entity("vehicle")
    assert vehicle is not None
    types = {f.name: f.type for f in vehicle.fields}
    assert types["location"] == "geo_point" and types["battery_pct"] == "integer"
    # "vehicles near me" is a proximity query: the position gets a GiST index
    vehicles = next(t for t in generate(MICROMOBILITY[0]).schema_.tables if t.name == "vehicles")
    assert any(i.fields == ["location"] and i.type == "gist" for i in vehicles.indexes)
    telemetry = domain.entity("vehicle_telemetry")
    assert telemetry is not None and telemetry.append_only
    ride = domain.entity("ride")
    assert ride is not None
    assert {"started_at", "ended_at", "distance_m", "amount"} <= {f.name for f in ride.fields}
    assert {r.name for r in domain.roles} >= {"rider", "fleet_operator", "admin"}
    # every vehicle reports every few seconds: telemetry dominates the writes
    assert signals.behavior.write_intensity.score >= 4
    assert signals.data.consistency.value == "strong"
    # named, not guessed: the archetype quotes the prompt
    assert not signals.product.archetype.inferred


# ---------------------------------------------------------------- 2. library management
LIBRARY = [
    "A library management system: books, members, loans, holds, late fees.",
    "public library app",
    "Our town's lending library wants members to borrow books online and get reminders before they're due back",
    "School library software: pupils check out books by scanning the barcode, librarians see overdue items",
    "University library: catalogue search, reservations on books that are out, fines for late returns, several branches",
    "An app for our library patrons to renew loans and put holds on titles",
    "We run the lending desk at a county library network with eight branches",
    "Help the librarian keep track of which novels are out and who is waiting for them",
    "Let people borrow books from our little neighbourhood library and see what's available",
    "Software for a church library with a few hundred books that members can borrow",
    "we need a system so readers can reserve a copy of a book that is currently out and get notified when it's back",
]

LIBRARY_NEAR_MISSES = [
    # a library of tools lends for a deposit: rental; a study room is booked
    (
        "rental",
        "Tool library for our town: members borrow drills and ladders for a few days and pay a small deposit.",
    ),
    (
        "booking_reservations",
        "library app where students reserve group study rooms for two hours at a time",
    ),
    # selling books is a shop
    ("ecommerce", "An online store selling e-books with a shopping cart and checkout"),
    (
        "ecommerce",
        "E-book store: readers buy titles, pay at checkout and download them to their devices",
    ),
    ("ecommerce", "Our book shop wants an online store for its books"),
    ("membership_organization", "book club app where members discuss a book each month"),
    ("generic", "Our bookshop wants customers to reserve books online and pick them up in store"),
    # other libraries
    ("generic", "A JavaScript component library for our design system"),
    ("generic", "A photo library for our marketing team to tag and share images"),
]


@pytest.mark.parametrize("prompt", LIBRARY)
def test_lending_libraries_are_library_management(prompt: str) -> None:
    assert _arch(prompt) == "library_management"


@pytest.mark.parametrize(("expected", "prompt"), LIBRARY_NEAR_MISSES)
def test_library_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


def test_library_model_lends_copies_not_rental_units() -> None:
    signals, domain = extract(LIBRARY[0])
    names = {e.name for e in domain.entities}
    assert {"title", "item", "loan", "hold", "fine", "library_card", "branch"} <= names
    assert not names & {"rental_unit", "reservation", "rental_charge"}, names
    loan = domain.entity("loan")
    assert loan is not None
    assert {"due_at", "returned_at", "renewals"} <= {f.name for f in loan.fields}
    item = domain.entity("item")
    assert item is not None
    barcode = next(f for f in item.fields if f.name == "barcode")
    assert barcode.unique
    roles = {r.name: r for r in domain.roles}
    assert {"patron", "librarian", "admin"} <= set(roles)
    assert "loan:create" in roles["librarian"].permissions
    assert "hold:create:own" in roles["patron"].permissions
    # one copy out to one member at a time
    assert signals.data.consistency.value == "strong"
    # members search the catalogue by title, author and subject: a search index beside the primary
    secondary = generate(LIBRARY[0]).data_strategy.secondary_databases
    assert "OpenSearch" in {s.technology for s in secondary}


# ---------------------------------------------------------------- 3. plates and car washes
CAR_WASH = [
    "A car wash subscription app with license plate recognition",
    "Unlimited wash club for our 12 car wash locations: cameras read the plate and open the gate for members",
    "Membership app for an auto wash chain: monthly plans, vehicles on the account, wash history",
    "Drivers pay a monthly fee to get their car washed as often as they like; a camera at the entrance recognises their plate",
    "Our express tunnel washes want members to sign up online and skip the pay station",
    "App for our car wash: customers buy a monthly pass and the camera lets them in automatically",
]

PLATE_NEAR_MISSES = [
    # a plate read next to a car park, garage, barrier or permit is still parking
    (
        "parking",
        "car park operator software: number plate recognition at the barriers, monthly passes, occupancy reports",
    ),
    ("parking", "parking garage app with license plate recognition at the entrance"),
    (
        "parking",
        "Residents of our apartment complex register their cars; cameras read number plates at the garage gate",
    ),
    (
        "parking",
        "An app that reads number plates at the entrance of our multi-storey garage and lets regular drivers in",
    ),
    (
        "parking",
        "our town wants residents to apply online for on-street parking permits and wardens to check plates",
    ),
    (
        "fleet_management",
        "Fleet management for our 40 vans with number plate, MOT dates and fuel cards",
    ),
]


@pytest.mark.parametrize("prompt", CAR_WASH)
def test_car_wash_memberships_are_car_wash(prompt: str) -> None:
    assert _arch(prompt) == "car_wash"


@pytest.mark.parametrize(("expected", "prompt"), PLATE_NEAR_MISSES)
def test_plate_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        "Toll road billing: cameras read licence plates and owners get an invoice",
        "ANPR cameras log every lorry that enters our quarry so we can bill hauliers per load",
        "drive-thru coffee: we recognise regulars by their number plate and start their usual order",
        # drivers and vehicles are weak parking words: with a plate they still name no car park
        "Drivers register their number plates and get billed automatically for each toll road trip",
        "Our truck yard logs every vehicle's licence plate at the gate for security",
        "Drive-thru restaurant: cameras recognise regular drivers by number plate and suggest their usual",
    ],
)
def test_a_plate_read_alone_is_not_a_parking_product(prompt: str) -> None:
    assert _arch(prompt) != "parking"


def test_car_wash_model_matches_plates_to_memberships() -> None:
    _, domain = extract(CAR_WASH[0])
    names = {e.name for e in domain.entities}
    assert {"wash_site", "wash_plan", "vehicle", "wash_membership", "wash_visit"} <= names
    assert not names & {"car_park", "parking_session", "gate_event"}, names
    visit = domain.entity("wash_visit")
    assert visit is not None and visit.append_only
    assert next(f for f in visit.fields if f.name == "plate_read").pii


# ---------------------------------------------------------------- 4. bidding on listed goods
AUCTIONS = [
    "Collectors list watches and others can bid on them",
    "Artists upload paintings and buyers place bids until Sunday night",
    "Sellers post vintage sneakers and members can bid on them for 48 hours",
    "list your classic car and let enthusiasts bid on it",
    "A site where farmers put cattle up for sale and buyers bid against each other",
    "Our charity gala needs an app so guests can bid on donated prizes from their phones",
    "sell my paintings to whoever bids the most",
    # a second-hand marketplace where people bid is an auction (auctions supersedes it)
    "eBay-style site where users put items up and others bid until the timer ends",
    "online marketplace where bidders compete for surplus government equipment",
]

BIDDING_NEAR_MISSES = [
    # pros bidding on posted jobs quote for work: local services (the last two were
    # property_management and generic on main; a job named before the bid now says so)
    ("local_services", "Homeowners post jobs and contractors bid on them"),
    ("local_services", "Post your chores and local helpers bid on them"),
    ("local_services", "Clients post small repair jobs and handymen place bids"),
    ("local_services", "Homeowners describe a renovation and builders bid for it"),
    ("adtech_clickstream", "ad exchange where DSPs bid on impressions in real time"),
    ("marketplace", "Freelancers bid on projects posted by clients"),
    ("auctions", "People put up their old guitars and others bid; the highest offer wins"),
    ("generic", "Collectors list watches for sale at a fixed price"),
    ("goods_marketplace", "eBay-style marketplace for used phones at fixed prices"),
    ("goods_marketplace", "Etsy-like marketplace for handmade jewellery"),
    (
        "marketplace",
        "two-sided platform connecting freelance designers with clients; we're 3 founders, pre-seed",
    ),
    ("generic", "A platform where construction firms bid on government tenders"),
    (
        "multiplayer_game",
        "Matchmaking for our online game: players queue and are put into fair matches",
    ),
]


@pytest.mark.parametrize("prompt", AUCTIONS)
def test_bidding_on_listed_goods_is_an_auction(prompt: str) -> None:
    assert _arch(prompt) == "auctions"


@pytest.mark.parametrize(("expected", "prompt"), BIDDING_NEAR_MISSES)
def test_bidding_near_misses_keep_their_archetype(expected: str, prompt: str) -> None:
    assert _arch(prompt) == expected
