"""A small vocabulary of the Convention's work, combined at random into titles and prose."""

import random

# --- words ----------------------------------------------------------------------------------
# A small vocabulary of the Convention's work, combined at random into titles and prose.

SUBJECTS = [
    "universalization",
    "victim assistance",
    "clearance of contaminated land",
    "risk education",
    "stockpile destruction",
    "international cooperation and assistance",
    "transparency reports",
    "national implementation measures",
    "gender and diversity",
    "environmental protection",
    "financial sustainability",
    "extension requests under Article 4",
    "extension requests under Article 3",
    "the Lausanne Action Plan",
    "survey of suspected hazardous areas",
    "land release methods",
]
VERBS = [
    "reviewed",
    "discussed",
    "welcomed progress on",
    "called for more attention to",
    "exchanged views on",
    "heard reports on",
    "agreed to revisit",
    "noted gaps in",
    "asked the ISU to prepare notes on",
    "considered proposals about",
]
ACTORS = [
    "Delegations",
    "The coordinators",
    "The President",
    "Several States Parties",
    "Observer organisations",
    "The ISU",
    "The working group",
    "Civil society representatives",
]
QUALIFIERS = [
    "in the light of the latest reports",
    "ahead of the next formal meeting",
    "with a view to a shared approach",
    "taking account of national circumstances",
    "on the basis of the draft circulated in advance",
    "as resources allow",
    "before the deadline set by the Presidency",
    "in close cooperation with partners",
]
AGENDA_OPENING = [
    "Opening of the meeting",
    "Adoption of the agenda",
    "Organisation of work",
]
AGENDA_CLOSING = [
    "Any other business",
    "Date and venue of the next meeting",
    "Adoption of the final report",
    "Closing of the meeting",
]
SUBITEM_TOPICS = [
    "progress since the last meeting",
    "challenges reported by States",
    "cooperation and assistance needs",
    "proposals by the coordinators",
    "statements by observers",
]
CITIES = [
    ("Geneva", "Europe/Zurich"),
    ("Lausanne", "Europe/Zurich"),
    ("Vientiane", "Asia/Vientiane"),
    ("Beirut", "Asia/Beirut"),
    ("Oslo", "Europe/Oslo"),
    ("Lusaka", "Africa/Lusaka"),
    ("San José", "America/Costa_Rica"),
    ("Dubrovnik", "Europe/Zagreb"),
    ("Santiago", "America/Santiago"),
    ("Manila", "Asia/Manila"),
    ("Addis Ababa", "Africa/Addis_Ababa"),
    ("Mexico City", "America/Mexico_City"),
]
ROOMS = ["Room XVII", "Room XIX", "Room XX", "Room XXIII", "Conference room 2", "Main hall", "Salle 3"]
BUILDINGS = ["Palais des Nations", "Maison de la Paix", "International Conference Centre", "Town hall"]
GIVEN = ["Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kofi", "Lina"]
FAMILY = ["Alvarez", "Bauer", "Chanda", "Dubois", "Eriksen", "Fonseca", "Gupta", "Haddad", "Ito", "Jansen"]

# Kinds of generated meetings with their weights: mostly informal meetings, some formal ones.
MEETING_KINDS = [
    ("coordination_committee", 30),
    ("regional_consultation", 20),
    ("intersessional", 12),
    ("side_event", 15),
    ("retreat", 5),
    ("preparatory", 6),
    ("msp", 6),
    ("other", 6),
]
KIND_TITLES = {
    "coordination_committee": "Coordination Committee meeting",
    "regional_consultation": "Regional consultation",
    "intersessional": "Intersessional meeting",
    "side_event": "Side event on",
    "retreat": "Coordinators' retreat",
    "preparatory": "Preparatory meeting",
    "msp": "Meeting of States Parties (simulated)",
    "other": "Technical workshop on",
}


def sentence(rng: random.Random, subject: str | None = None) -> str:
    """A sentence about a random subject, or mostly about ``subject`` when given (a document
    on victim assistance mentions other subjects now and then, not all of them)."""
    actor, verb = rng.choice(ACTORS), rng.choice(VERBS)
    if subject is None or rng.random() < 0.15:
        subject = rng.choice(SUBJECTS)
    return f"{actor} {verb} {subject} {rng.choice(QUALIFIERS)}."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6), subject: str | None = None) -> str:
    return " ".join(sentence(rng, subject) for _ in range(rng.randint(*sentences)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
