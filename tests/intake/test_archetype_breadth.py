"""Held-out paraphrases for the products Stage 1 used to send to the generic fallback or to a
clearly wrong archetype: event ticketing, local services, uptime monitoring / status pages, real
estate, customer-support helpdesks, CRMs, inventory / warehouses, file storage, fitness tracking,
retail investing, crowdfunding and donations, and restaurant online ordering.

They were written before the archetypes and triggers existed, in the plain words a founder or PM
would use (clones, casual phrasing, a product named by what it does), and none is copied from
the corpus. The near misses are prompts that share a word with a new archetype ("ticket",
"inventory", "near me", "monitoring", "pipeline") but describe another product: they must keep
their own archetype, so the new triggers cannot win on an ordinary word.
"""

from __future__ import annotations

import pytest
from tests.intake.test_archetype_paraphrases import _archetype, archetype_tests

PARAPHRASES: list[tuple[str, str]] = [
    # event_ticketing
    (
        "event_ticketing",
        "We organize techno parties and want our own site to sell entry passes, with a scanner "
        "app for the bouncers",
    ),
    (
        "event_ticketing",
        "box office software for a small concert hall: reserved seats, season passes, and refunds "
        "when a show is cancelled",
    ),
    ("event_ticketing", "ticketmaster competitor focused on indie venues"),
    (
        "event_ticketing",
        "conference registration: attendees buy early-bird passes, get a QR code badge and check "
        "in at the venue",
    ),
    ("event_ticketing", "help fans resell their festival tickets safely at face value"),
    # local_services
    (
        "local_services",
        "Uber for house cleaners: book a cleaner for tomorrow morning, see ratings, pay after "
        "the job",
    ),
    (
        "local_services",
        "a website to find trusted handymen near me and ask several of them for a quote",
    ),
    ("local_services", "pet sitters and dog walkers in your neighborhood, booked by the hour"),
    (
        "local_services",
        "on-demand home services app: plumbing, electrical, appliance repair; pros set their "
        "service area",
    ),
    ("local_services", "Thumbtack alternative for the UK"),
    # uptime_monitoring
    (
        "uptime_monitoring",
        "Tell me when my website is down: check it every 30 seconds and send an SMS + email",
    ),
    (
        "uptime_monitoring",
        "status page for our API where customers subscribe to incident updates",
    ),
    (
        "uptime_monitoring",
        "Synthetic monitoring SaaS: HTTP, ping and SSL-certificate-expiry checks from 5 regions",
    ),
    ("uptime_monitoring", "UptimeRobot clone"),
    (
        "uptime_monitoring",
        "heartbeat monitoring for cron jobs: alert us if the nightly backup job doesn't check in",
    ),
    # real_estate
    (
        "real_estate",
        "Portal where agencies list flats for rent and buyers can search by price, bedrooms and "
        "neighbourhood on a map",
    ),
    # running let homes (rent ledger, repairs) is property management since review 5
    (
        "property_management",
        "Software for landlords with 5-50 units: leases, online rent payment, tenant repair "
        "requests",
    ),
    ("real_estate", "Rightmove-style property search for Portugal"),
    (
        "real_estate",
        "real estate agents manage their listings and schedule viewings with interested buyers",
    ),
    ("real_estate", "help tenants find apartments and apply online with their documents"),
    # helpdesk_support
    (
        "helpdesk_support",
        "A shared inbox for our support team: every customer email becomes a ticket with an "
        "owner, priority and SLA timer",
    ),
    ("helpdesk_support", "Freshdesk alternative with a knowledge base and CSAT ratings"),
    (
        "helpdesk_support",
        "internal IT helpdesk where staff raise requests and the IT team resolves them",
    ),
    (
        "helpdesk_support",
        "customer service ticketing system for a telecom; agents escalate issues to tier 2",
    ),
    # crm_sales
    (
        "crm_sales",
        "HubSpot-like CRM for agencies: leads, contacts, deal pipeline, email tracking",
    ),
    (
        "crm_sales",
        "Our sales team needs one place to track prospects, log calls and see which deals will "
        "close this quarter",
    ),
    ("crm_sales", "pipedrive alternative"),
    ("crm_sales", "track leads from our website forms and assign them to sales reps"),
    ("crm_sales", "customer relationship management for insurance brokers"),
    # inventory_warehouse
    (
        "inventory_warehouse",
        "We run three warehouses and need to know how many units of each SKU sit in which bin, "
        "with barcode scanners for receiving and picking",
    ),
    (
        "inventory_warehouse",
        "stock control for a chain of hardware stores, transfers between shops, reorder points",
    ),
    ("inventory_warehouse", "WMS for a 3PL: inbound receipts, putaway, pick-pack-ship"),
    (
        "inventory_warehouse",
        "Inventory app for a brewery to track raw materials, batches and purchase orders to "
        "suppliers",
    ),
    # file_storage
    (
        "file_storage",
        "Google Drive for architects: upload huge CAD files, folders, share with clients by link",
    ),
    (
        "file_storage",
        "A secure document vault where accountants exchange files with their clients",
    ),
    ("file_storage", "cloud storage with a desktop sync client and file versioning"),
    (
        "file_storage",
        "WeTransfer-style service to send large files with a link that expires after 7 days",
    ),
    # fitness_tracking
    (
        "fitness_tracking",
        "App where I log sets, reps and weights for each gym session and see progress charts",
    ),
    (
        "fitness_tracking",
        "running app with GPS routes, pace, and weekly mileage goals; friends can give kudos",
    ),
    (
        "fitness_tracking",
        "personal trainers create workout programs and their clients follow them and log results",
    ),
    ("fitness_tracking", "MyFitnessPal-style calorie and workout tracker"),
    # crowdfunding_donations
    (
        "crowdfunding_donations",
        "Kickstarter for board game designers: backers pledge to reward tiers and are charged "
        "only if the goal is reached",
    ),
    (
        "crowdfunding_donations",
        "online giving for our nonprofit: recurring monthly gifts, donor receipts for taxes and a "
        "year-end statement",
    ),
    (
        "crowdfunding_donations",
        "fundraising pages for schools where parents can chip in for a class trip",
    ),
    (
        "crowdfunding_donations",
        "peer-to-peer fundraising: runners create a page for their marathon and friends donate to "
        "the charity",
    ),
    ("crowdfunding_donations", "GoFundMe for medical bills"),
    # a second held-out round, run after the archetypes existed: 8 of these 14 matched, the six
    # below did not until the triggers were generalized (buying seats, conference badges, "a
    # marketplace for <a local service>", "get a text if my sites stop responding", spare parts
    # and depots, "share big video files")
    (
        "event_ticketing",
        "We run a small comedy club and want people to buy seats online instead of calling us",
    ),
    ("event_ticketing", "registration and badges for a 2,000-person developer conference"),
    ("local_services", "marketplace for lawn mowing and snow removal in the suburbs"),
    (
        "uptime_monitoring",
        "I want to get a text if any of my 40 client websites stop responding",
    ),
    (
        "inventory_warehouse",
        "keep track of spare parts in our 4 repair depots and reorder when low",
    ),
    (
        "file_storage",
        "upload and share big video files with clients, links expire after a week",
    ),
    # ride_hailing_delivery: a company's own delivery fleet on a map with route planning (fell to
    # the generic model once bare "drivers" stopped counting as a product word)
    (
        "ride_hailing_delivery",
        "Track our delivery vans on a map in real time and plan routes for drivers.",
    ),
    ("ride_hailing_delivery", "route planning for our 25 vans and a dispatcher screen"),
    # payments_fintech: retail investing is trading (instruments, orders, positions)
    ("payments_fintech", "Let people invest their spare change into ETFs and fractional shares"),
    ("payments_fintech", "robo-advisor with automatic rebalancing for first-time investors"),
    ("payments_fintech", "stock investing app for beginners, buy with as little as $5"),
    ("payments_fintech", "micro-investing app that rounds up card purchases into an index fund"),
    # restaurant_ordering (was ecommerce until it existed: a shop's shipments, returns and
    # product reviews do not fit a pizza): a menu with modifiers, orders for pickup, delivery or
    # the table, kitchen tickets
    (
        "restaurant_ordering",
        "order-ahead app for our coffee shops: pick a drink from the menu, pay, collect it at "
        "the counter",
    ),
    ("restaurant_ordering", "Online ordering website for a pizza restaurant with pickup"),
    ("restaurant_ordering", "guests scan a QR code at their table to order and pay from the menu"),
    ("restaurant_ordering", "digital menu and online ordering for a small burger chain"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    # a blood donation is an appointment, not a gift of money
    ("booking_reservations", "book appointments for blood donation at our centres"),
    # ordinary uses of the new archetypes' words
    ("ecommerce", "online shop for used books with stock levels and shipping"),
    ("payments_fintech", "stock trading app with real-time quotes and limit orders"),
    (
        "project_management",
        "bug tracker where developers file tickets and link them to pull requests",
    ),
    ("metrics_analytics", "monitoring dashboards for our Kubernetes cluster metrics and logs"),
    ("social_network", "social app where neighbours share photos of their neighbourhood"),
    ("booking_reservations", "book tables at restaurants near me"),
    # "ticket" as a support case or a work item is not an event ticket
    (
        "helpdesk_support",
        "support ticket system where customers report bugs and agents answer them",
    ),
    ("project_management", "jira-style tickets, sprints and a kanban board for our dev team"),
    # event tickets are not support tickets
    ("event_ticketing", "sell tickets to my comedy shows and scan them at the door"),
    # "near me" for tables is a booking product, not a services marketplace
    ("booking_reservations", "find restaurants near me and book a table for tonight"),
    ("marketplace", "A marketplace for renting camera gear between photographers"),
    # metrics/log monitoring and on-call paging keep their archetypes
    ("metrics_analytics", "Datadog alternative for logs, metrics and dashboards"),
    ("notification_service", "PagerDuty-like on-call alerting for engineering teams"),
    # a shop that mentions inventory is still a shop
    ("ecommerce", "Shopify-style online store for sneakers with cart, checkout and inventory"),
    # a hiring pipeline is recruiting, not sales
    ("job_board", "recruiting pipeline where recruiters move candidates through interviews"),
    # a collaborative editor is not file storage
    ("collaborative_editing", "Google Docs-like collaborative editor for lawyers"),
    # booking gym classes is booking; telemetry from wearables is IoT
    ("booking_reservations", "booking system for yoga studios: book classes, waitlists"),
    # a room in a hotel is a reservation, not a property listing
    ("booking_reservations", "reservation system for a boutique hotel's rooms"),
    ("marketplace", "Airbnb for camper vans: owners rent them out to travellers"),
    # tracking one's own portfolio is personal finance, not investing
    ("personal_finance", "portfolio + net worth tracker, personal use, mobile first"),
    # a restaurant table booking stays booking; food delivery with couriers is a delivery marketplace
    ("food_delivery", "food delivery app with couriers and live tracking on a map"),
]


test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


@pytest.mark.parametrize(
    "prompt",
    [
        "Network of EV charging stations: drivers find a charger, start a session and pay",
        "a network of independent bookshops that share one online catalogue",
    ],
)
def test_a_network_of_places_is_not_a_graph_product(prompt: str) -> None:
    # "a network of X" is ordinary English for a chain of places or partners; only a network of
    # people, accounts or entities and their relationships is graph-shaped data
    assert _archetype(prompt) != "graph_data"


def test_a_network_of_people_is_still_a_graph_product() -> None:
    assert (
        _archetype("map the network of investors and founders and how they are connected")
        == "graph_data"
    )
