"""Reference data of the core app: regions, States and the organisations the sources name."""

import csv
import re
from datetime import date, time
from pathlib import Path

from django.utils.text import slugify

from ccm_portal.lib.refdata import Tally, sync_record

from .models import Delegation, RegionalGroup

DATA_DIR = Path(__file__).resolve().parent / "data"

# The reference list of States Parties and signatories reflects early 2026.
STATES_RECORD_AS_OF = date(2026, 1, 1)

REGIONS = [
    ("Africa", "africa"),
    ("Americas", "americas"),
    ("Asia/Pacific", "asia-pacific"),
    ("Europe", "europe"),
]

ORGANISATIONS = [
    # (name, acronym, category, slug)
    ("International Committee of the Red Cross", "ICRC", Delegation.Category.ICRC, "icrc"),
    ("United Nations", "UN", Delegation.Category.UN_AGENCY, "united-nations"),
    ("United Nations Office for Disarmament Affairs", "UNODA", Delegation.Category.UN_AGENCY, "unoda"),
    ("Cluster Munition Coalition", "CMC", Delegation.Category.CMC, "cmc"),
    ("Geneva International Centre for Humanitarian Demining", "GICHD", Delegation.Category.GICHD, "gichd"),
]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _sources(value: str) -> str:
    return "\n".join(part.strip() for part in value.split("|") if part.strip())


def _state_names() -> dict[str, dict[str, str]]:
    """The names of States in French and Spanish as the United Nations writes them (short
    names), by ISO code: data/state_names.csv, seeded from CLDR and reviewed against UNTERM;
    its source_fr and source_es columns say where each name comes from."""
    with open(DATA_DIR / "state_names.csv", newline="", encoding="utf-8") as fh:
        return {
            row["iso3"]: {"name_fr": row["name_fr"], "name_es": row["name_es"]} for row in csv.DictReader(fh)
        }


def load(tally: Tally) -> None:
    state_names = _state_names()
    regions = {}
    for order, (name, slug) in enumerate(REGIONS):
        regions[name], action = sync_record(
            RegionalGroup, lookup={"slug": slug}, values={"name": name, "order": order}
        )
        tally.add("regional groups", action)

    with open(DATA_DIR / "states_parties.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            status = row["status"]
            values = {
                "kind": Delegation.Kind.STATE,
                "name": row["name"],
                "slug": slugify(row["name"]),
                "region": regions[row["region"]],
                "signed": True if status == "signatory" else None,
                "deposited": status in {"state_party", "withdrawn"},
                "deposit_date": _date(row["date_ratified"]),
                "entry_into_force_date": (
                    None if "derived" in row["source"] else _date(row["entry_into_force"])
                ),
                "withdrawal_effective_date": _date(row["withdrawal_effective"]),
                "record_as_of": STATES_RECORD_AS_OF,
                "sources": _sources(row["source"]),
                **state_names.get(row["iso3"], {}),
            }
            _, action = sync_record(Delegation, lookup={"iso3": row["iso3"]}, values=values)
            tally.add("States in the Convention", action)

    with open(DATA_DIR / "states_not_party.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            values = {
                "kind": Delegation.Kind.STATE,
                "name": row["name"],
                "slug": slugify(row["name"]),
                "region": regions[row["region"]],
                "signed": False,
                "deposited": False,
                "record_as_of": STATES_RECORD_AS_OF,
                "sources": _sources(row["source"]),
                **state_names.get(row["iso3"], {}),
            }
            _, action = sync_record(Delegation, lookup={"iso3": row["iso3"]}, values=values)
            tally.add("States not party", action)

    for name, acronym, category, slug in ORGANISATIONS:
        _, action = sync_record(
            Delegation,
            lookup={"slug": slug},
            values={
                "kind": Delegation.Kind.ORGANISATION,
                "name": name,
                "acronym": acronym,
                "category": category,
            },
        )
        tally.add("organisations", action)

    load_formal_meetings(tally)
    load_seed_meetings(tally)


ORDINALS = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
]
CITY_TIME_ZONES = {
    "Vientiane": "Asia/Vientiane",
    "Beirut": "Asia/Beirut",
    "Oslo": "Europe/Oslo",
    "Lusaka": "Africa/Lusaka",
    "San José": "America/Costa_Rica",
    "Dubrovnik": "Europe/Zagreb",
    "Geneva": "Europe/Zurich",
    "Lausanne / Geneva": "Europe/Zurich",
}
# Meetings whose holding the reference data does not confirm stay "planned".
NOT_CONFIRMED_HELD = {"3RC"}


SEED_000 = "Summary of the informal regional consultation with the Americas Group, Geneva, 20 February 2026"
SEED_001 = (
    "Reflections and options regarding the Convention's machinery, working paper for the First "
    "Preparatory Meeting of the Third Review Conference, 30 March 2026"
)

# What the seeds add to the formal meetings of meetings.csv.
FORMAL_MEETING_EXTRAS = {
    "2RC": {
        # The CSV's note: part one held virtually 25-27 November 2020, part two in Geneva 20-21 September 2021.
        "parts": "2020-11-25/2020-11-27, 2021-09-20/2021-09-21",
    },
    "3RC": {
        "city": "Vientiane Capital",
        "summary": (
            "Hosted and presided over by Lao PDR, the Third Review Conference is to take stock of "
            "how the Convention was implemented from 2021 to 2025 and to settle its work programme "
            "and implementation machinery for the next cycle, with a new action plan for 2027-2031 "
            "(the Vientiane Capital Action Plan, VCAP) and a Political Declaration."
        ),
        "delegation_size": "unlimited",
        "front_row_seats": 2,
        "back_row_seats": 2,
        "overflow_area": "Delegation members beyond these seats are placed in another area of the Conference room.",
        "field_visit": "Planned; no limit on the number of members of a delegation who join it.",
        "logistics_note": (
            "Announced by the Presidency to the Americas Group on 20 February 2026, with more detail "
            "to follow. By then four formal documents had been submitted; they were on the ISU website "
            "and were to be put on the UNODA documents website before the First Preparatory Meeting."
        ),
    },
}


def _formal_meeting_values(row: dict, states: dict[str, Delegation]) -> dict:
    number = int(re.match(r"\d+", row["code"]).group())
    kind = row["kind"]
    if kind == "msp":
        title = f"{ORDINALS[number - 1]} Meeting of States Parties"
    else:
        title = f"{ORDINALS[number - 1]} Review Conference"
    start, end = row["start"], row["end"]
    month_only = len(start) == 7  # "2026-09": only the month is known
    return {
        "kind": kind,
        "title": title,
        "slug": row["code"].lower(),
        "start_date": date.fromisoformat(start + "-01") if month_only else _date(start),
        "end_date": None if month_only else _date(end),
        "date_precision": "month" if month_only else "day",
        "building": row["venue"],
        "city": row["city"],
        "country": states.get(row["country_iso3"]),
        "time_zone": CITY_TIME_ZONES.get(row["city"], "Europe/Zurich"),
        "is_formal": True,
        "status": "planned" if row["code"] in NOT_CONFIRMED_HELD else "held",
        "notes": row["note"],
        "sources": "Reference data: the ISU's and the Cluster Munition Coalition's meeting pages, UN meeting pages",
    } | _extras(row["code"])


def _extras(code: str) -> dict:
    extras = dict(FORMAL_MEETING_EXTRAS.get(code, {}))
    if code == "3RC":
        extras["sources"] = (
            "Reference data: the ISU's and the Cluster Munition Coalition's meeting pages, UN meeting pages\n"
            + SEED_000
        )
    return extras


def load_formal_meetings(tally: Tally) -> None:
    """The Meetings of States Parties and Review Conferences, 1MSP to 3RC."""
    from .models import Meeting

    states = {d.iso3: d for d in Delegation.objects.states()}
    with open(DATA_DIR / "meetings.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            _, action = sync_record(
                Meeting, lookup={"code": row["code"]}, values=_formal_meeting_values(row, states)
            )
            tally.add("formal meetings", action)


# --- The meetings and events of 2026 that the seeds name -------------------------------------

AMERICAS_CONSULTATION = "americas-regional-consultation-2026-02-20"
PRESIDENCY = "the Presidency of Lao PDR"
AMERICAS_DELEGATIONS = ["CAN", "CHL", "CRI", "ECU", "GTM", "HND", "MEX", "NIC", "PAN", "PRY", "PER"]

# The 3RC's preparatory timeline (seed 000, items 2 (b) and 7; the retreat's day from the data README).
SEED_MEETINGS = [
    {
        "slug": "coordination-committee-retreat-2026-01",
        "kind": "retreat",
        "title": "Coordination Committee retreat",
        "start_date": date(2026, 1, 23),
        "is_formal": False,
        "status": "held",
        "summary": (
            "A retreat of the Coordination Committee during the preparations for the Third Review "
            "Conference. Reporting on it to the Americas Group in February 2026, the Presidency said "
            "it had stressed that the next action plan should be a focused, practical framework built "
            "around implementation and suited to today's circumstances."
        ),
        "sources": SEED_000 + "\nDay of the retreat: the reference data's notes on meetings",
    },
    {
        "slug": AMERICAS_CONSULTATION,
        "kind": "regional_consultation",
        "title": "Informal regional consultation with the Americas Group",
        "start_date": date(2026, 2, 20),
        "start_time": time(10, 0),
        "end_time": time(11, 45),
        "time_zone": "Europe/Zurich",
        "room": "Room IX",
        "building": "Palais des Nations",
        "city": "Geneva",
        "country": "CHE",
        "is_formal": False,
        "convened_by": "LAO",
        "convened_as": PRESIDENCY,
        "regional_group": "americas",
        "status": "held",
        "summary": (
            "One of the informal regional consultations through which the Presidency prepares the "
            "Third Review Conference, a practice begun by the Presidency of the Second Review "
            "Conference so that States Parties and signatories can talk openly before the "
            "Conference. The Presidency treated it chiefly as a chance to listen to the region. The "
            "exchange covered the zero draft of the review of the Convention's status and operation "
            "over 2021-2025, the coming Action Plan 2027-2031 (the Vientiane Capital Action Plan), "
            "first thoughts on a Political Declaration, and the practical arrangements for the "
            "Conference."
        ),
        "sources": SEED_000,
    },
    {
        "slug": "3rc-first-preparatory-meeting",
        "kind": "preparatory",
        "title": "First Preparatory Meeting for the Third Review Conference",
        "start_date": date(2026, 3, 30),
        "building": "Palais des Nations",
        "city": "Geneva",
        "country": "CHE",
        "is_formal": True,
        "summary": (
            "The first formal preparatory meeting of the Third Review Conference, in Geneva. Its "
            "provisional agenda includes an exchange of views on the documents being prepared for "
            "the Conference, to which the Presidency submitted a working paper on the Convention's "
            "machinery."
        ),
        "sources": SEED_000 + "\n" + SEED_001,
    },
    {
        "slug": "side-event-ndm-un29-2026",
        "kind": "side_event",
        "title": "Side event during NDM-UN29",
        "start_date": date(2026, 4, 22),
        "end_date": date(2026, 4, 24),
        "is_formal": False,
        "summary": (
            "A side event held during NDM-UN29, the 29th international meeting of national mine "
            "action directors and United Nations advisers, as a step in the Presidency's timeline "
            "towards the Third Review Conference."
        ),
        "notes": "The Presidency's timeline gives 22-24 April 2026 for this side event, without naming its day or venue.",
        "sources": SEED_000,
    },
    {
        "slug": "second-regional-consultations-2026",
        "kind": "regional_consultation",
        "title": "Second regional consultations",
        "start_date": date(2026, 6, 22),
        "end_date": date(2026, 6, 24),
        "parts": "2026-06-22, 2026-06-24",
        "building": "GICHD",
        "city": "Geneva",
        "country": "CHE",
        "is_formal": False,
        "convened_by": "LAO",
        "convened_as": PRESIDENCY,
        "summary": (
            "The second round of the Presidency's informal regional consultations before the Third "
            "Review Conference, on two days at the Geneva International Centre for Humanitarian "
            "Demining."
        ),
        "sources": SEED_000,
    },
    {
        "slug": "3rc-second-preparatory-meeting",
        "kind": "preparatory",
        "title": "Second Preparatory Meeting for the Third Review Conference",
        "start_date": date(2026, 7, 1),
        "is_formal": True,
        "summary": "The second formal preparatory meeting of the Third Review Conference.",
        "sources": SEED_000,
    },
]

# Agenda items: (key, number, title, parent key, outcome). The summary of the consultation
# numbers its sections 1 to 7 and gives the agenda's own numbers only to items 2 (a) to 2 (c);
# the others keep no number rather than a guessed one.
AMERICAS_AGENDA = [
    (
        "opening",
        "1",
        "Opening remarks",
        None,
        "The Presidency presented the consultation as a listening exercise and recalled what the "
        "Review Conference is to decide.",
    ),
    (
        "preparations",
        "2",
        "Substantive preparations for the Third Review Conference",
        None,
        "",
    ),
    (
        "zero-draft",
        "2 (a)",
        "Update on submissions received on the Zero draft of the Review of the Status and "
        "Operation of the Convention (2021-2025)",
        "preparations",
        "The Presidency noted every comment for the revised draft, expected in early March 2026.",
    ),
    (
        "action-plan",
        "2 (b)",
        "Preliminary exchange of views on the CCM Action Plan 2027-2031",
        "preparations",
        "The new action plan is to be called the Vientiane Capital Action Plan (VCAP).",
    ),
    (
        "groups",
        "",
        "Announcement of the establishment of the Technical Group and the Informal Working Group "
        "on the Sponsorship Programme",
        "preparations",
        "A Technical Group will support the drafting of the VCAP; an informal working group is "
        "reviewing the Sponsorship Programme.",
    ),
    (
        "declaration",
        "2 (c)",
        "Preliminary exchange of views on a Political Declaration",
        "preparations",
        "Drafting will begin once the Action Plan is clearer.",
    ),
    (
        "logistics",
        "",
        "Update on logistical preparations for the Third Review Conference and the First Preparatory Meeting",
        None,
        "Arrangements for delegations at the Review Conference announced (see the Third Review "
        "Conference); four formal documents submitted so far.",
    ),
    (
        "closing",
        "",
        "Next steps and closing",
        None,
        "The Presidency set out the timeline up to the Second Preparatory Meeting of 1 July 2026.",
    ),
]

FIRST_PREPARATORY_AGENDA = [
    (
        "documents",
        "7",
        "Exchange of views on the preparation of documents for the Third Review Conference",
        None,
        "",
    ),
]


def americas_agenda_item(key: str):
    """One item of the Americas consultation's agenda, by its key in AMERICAS_AGENDA."""
    from .models import AgendaItem

    title = next(row[2] for row in AMERICAS_AGENDA if row[0] == key)
    return AgendaItem.objects.get(meeting__slug=AMERICAS_CONSULTATION, title_en=title)


def _load_agenda(meeting, rows, tally: Tally) -> None:
    from .models import AgendaItem

    items = {}
    for order, (key, number, title, parent, outcome) in enumerate(rows, start=1):
        items[key], action = sync_record(
            AgendaItem,
            lookup={"meeting": meeting, "title": title},
            values={
                "number": number,
                "parent": items[parent] if parent else None,
                "order": order * 10,
                "outcome": outcome,
            },
        )
        tally.add("agenda items", action)


def load_seed_meetings(tally: Tally) -> None:
    """The 2026 meetings and events of the seeds: the 3RC's preparatory timeline."""
    from .models import Meeting, Participation

    states = {d.iso3: d for d in Delegation.objects.states()}
    third_rc = Meeting.objects.get(code="3RC")
    for spec in SEED_MEETINGS:
        values = dict(spec)
        slug = values.pop("slug")
        for field in ("country", "convened_by"):
            if field in values:
                values[field] = states[values[field]]
        if "regional_group" in values:
            values["regional_group"] = RegionalGroup.objects.get(slug=values["regional_group"])
        values.setdefault("status", "planned")
        values["prepares"] = third_rc
        meeting, action = sync_record(Meeting, lookup={"slug": slug}, values=values)
        tally.add("meetings of the seeds", action)

    americas = Meeting.objects.get(slug=AMERICAS_CONSULTATION)
    for iso3 in AMERICAS_DELEGATIONS:
        _, action = sync_record(
            Participation, lookup={"meeting": americas, "delegation": states[iso3]}, values={}
        )
        tally.add("participations", action)
    _load_agenda(americas, AMERICAS_AGENDA, tally)
    _load_agenda(Meeting.objects.get(slug="3rc-first-preparatory-meeting"), FIRST_PREPARATORY_AGENDA, tally)
