"""Reference data of the core app: regions, States and the organisations the sources name."""

import csv
from datetime import date
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


def load(tally: Tally) -> None:
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
    from .document_reference_data import load as load_documents

    load_documents(tally)


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


def _formal_meeting_values(row: dict, states: dict[str, Delegation]) -> dict:
    import re

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
    }


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
