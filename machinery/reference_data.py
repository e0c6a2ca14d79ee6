"""Reference data of the machinery: what the working paper on the Convention's machinery (seed
001) states about working groups, coordinators, Presidencies and the decisions behind them, and
the bodies the Presidency of the 3RC announced (seed 000). Summaries are in the portal's words."""

import csv
from datetime import date
from pathlib import Path

from django.conf import settings

from ccm_portal.lib.refdata import Tally, sync_m2m, sync_record
from meetings.models import Delegation, Meeting

from .models import (
    AnalysisGroup,
    CoordinatorMandate,
    Mandate,
    Presidency,
    PresidencyBody,
    ReportedFigure,
    SuccessionReport,
    WorkingGroup,
)
from .on_date import COORDINATOR_FIGURE

MEETINGS_CSV = Path(settings.BASE_DIR) / "meetings" / "data" / "meetings.csv"

WORKING_PAPER = (
    "Working paper “Reflections and options regarding the Convention's machinery: Coordination "
    "Committee and the Role of the President”, First Preparatory Meeting for the 3RC, Geneva, 30 March 2026"
)
AMERICAS_SUMMARY = (
    "Summary of the informal regional consultation with the Americas Group, Geneva, 20 February 2026"
)
SECOND_REVIEW_REPORT = "CCM/CONF/2021/6"

# (slug, name, short name, thematic area, articles, established by (meeting code), symbol, paragraph, note)
WORKING_GROUPS = [
    (
        "general-status",
        "General Status and Operation of the Convention",
        "General Status and Operation",
        "How the Convention works as a whole: its meetings, machinery, resources and the follow-up of "
        "the action plan. Unlike the other groups, it does not follow one obligation of States Parties.",
        "",
    ),
    (
        "universalization",
        "Universalization",
        "Universalization",
        "Bringing the States still outside into the Convention and promoting its norms with them.",
        "Article 21",
    ),
    (
        "clearance",
        "Clearance and destruction of cluster munition remnants",
        "Clearance",
        "Surveying, clearing and destroying cluster munition remnants in contaminated areas.",
        "Article 4",
    ),
    (
        "risk-education",
        "Risk education",
        "Risk education",
        "Teaching people in affected areas about the danger of cluster munition remnants, and "
        "monitoring the action plan's indicators on it.",
        "Article 4 (2) (e)",
    ),
    (
        "victim-assistance",
        "Victim Assistance",
        "Victim Assistance",
        "Care, rehabilitation and social and economic inclusion of cluster munition victims.",
        "Article 5",
    ),
    (
        "international-cooperation",
        "International cooperation and assistance",
        "International Cooperation and Assistance",
        "Help between States Parties, in funds, expertise and equipment, so that each can meet its obligations.",
        "Article 6",
    ),
    (
        "national-implementation",
        "National implementation measures",
        "National implementation measures",
        "The laws and other measures each State Party takes at home to prevent and punish prohibited activity.",
        "Article 9",
    ),
    (
        "transparency",
        "Transparency measures",
        "Transparency measures",
        "The yearly Article 7 reports in which States Parties account for their implementation.",
        "Article 7",
    ),
    (
        "stockpile-destruction",
        "Storage and stockpile destruction",
        "Storage and stockpile destruction",
        "Destroying stockpiled cluster munitions, and the few kept for training under Article 3 (6).",
        "Article 3",
    ),
]
RISK_EDUCATION_NOTE = (
    "The 12MSP decided to give Risk Education a Coordinator of its own and a separate item on the "
    "agenda of Meetings of States Parties."
)
UNRECORDED_ESTABLISHMENT = (
    "When this group was set up is not in the records; the coordinators' role grew out of decisions "
    "of the 1MSP, the 2MSP and the 2RC (working paper, paragraph 8)."
)

# Paragraph 11: (working group, State ISO code, ends at the end of (meeting code) or None)
COORDINATORS_13MSP = [
    ("general-status", "AUT", "3RC"),
    ("general-status", "CMR", "14MSP"),
    ("universalization", "NOR", "3RC"),
    ("universalization", "CRI", "14MSP"),
    ("victim-assistance", "NER", "14MSP"),
    ("clearance", "FRA", "3RC"),
    ("clearance", "MEX", "14MSP"),
    ("stockpile-destruction", "PER", "14MSP"),
    ("stockpile-destruction", "BFA", "14MSP"),
    ("international-cooperation", "NLD", "3RC"),
    ("international-cooperation", "CHE", "14MSP"),
    ("transparency", "AUS", None),
    ("national-implementation", "PAN", None),
    ("risk-education", "LBN", None),
]
COORDINATOR_NOTE = (
    "Listed among the coordinators the 13MSP welcomed. Where a term began before the 13MSP, the "
    "records do not show it."
)
SINGLE_COORDINATOR_NOTE = COORDINATOR_NOTE + " The working paper gives no end for this term."

# (key, body, kind, title, summary, meeting, paragraph, working groups, observers, cited in, notes)
DECISIONS = [
    (
        "composition",
        Mandate.Body.COORDINATION_COMMITTEE,
        Mandate.Kind.COMPOSITION,
        "Composition of the Coordination Committee",
        "The Committee keeps its make-up: the President, the President-designate, the outgoing President "
        "and every Coordinator, with the ICRC, the United Nations and the Cluster Munition Coalition "
        "invited as observers. The Committee may ask others to help with its work when useful.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iii) (a)",
        [],
        ["icrc", "united-nations", "cmc"],
        "Working paper on the machinery, paragraph 5 (a) and footnote 1",
        "",
    ),
    (
        "progress-report",
        Mandate.Body.COORDINATION_COMMITTEE,
        Mandate.Kind.TASK,
        "Yearly progress report on the Lausanne Action Plan",
        "Go through what States Parties report on carrying out their Lausanne Action Plan commitments, "
        "and report on progress every year to the Meeting of States Parties or Review Conference, with "
        "joint conclusions on where implementation stands.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iii) (b)",
        [],
        [],
        "Working paper on the machinery, paragraphs 5 (b) and 8",
        "The working paper's paragraph 8 cites the same decision as paragraph 84.3 (b).",
    ),
    (
        "gender-focal-points",
        Mandate.Body.COORDINATORS,
        Mandate.Kind.GENDER_FOCAL_POINTS,
        "Gender focal points",
        "The Coordinators on General Status and Operation serve as gender focal points: they advise on "
        "gender mainstreaming and see that gender and the varied needs and experiences of people in "
        "affected communities are considered when the Lausanne Action Plan is carried out, together "
        "with the other thematic Coordinators.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iii) (c)",
        ["general-status"],
        [],
        "Working paper on the machinery, paragraph 5 (c)",
        "",
    ),
    (
        "analysis-groups",
        Mandate.Body.ANALYSIS_GROUPS,
        Mandate.Kind.ANALYSIS_GROUPS,
        "Ad hoc analysis groups for extension requests",
        "Building on the 8MSP decision, the group that examines Article 3 extension requests brings "
        "together the Coordinators on stockpile destruction and retention and those on international "
        "cooperation and assistance; the group for Article 4 requests brings together the Coordinators "
        "on clearance and risk education and those on international cooperation and assistance. The ISU "
        "and other States Parties may support them, and the groups draw on outside expertise.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iii) (d)",
        ["stockpile-destruction", "international-cooperation", "clearance", "risk-education"],
        [],
        "Working paper on the machinery, paragraph 5 (d)",
        "The decision names the Coordinators on “Clearance and Risk education”; since the 12MSP risk "
        "education has its own Coordinator, so both working groups are counted.",
    ),
    (
        "president-assessed-contributions",
        Mandate.Body.PRESIDENT,
        Mandate.Kind.TASK,
        "United Nations assessed contributions",
        "Follow closely the questions of the United Nations assessed contributions under Article 14, "
        "including how the Conference's decisions on them are carried out.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iv) (a)",
        [],
        [],
        "Working paper on the machinery, paragraph 21 and footnote 4",
        "Footnote 4 of the working paper cites “paragraph (iv) a-c” without the number 84.",
    ),
    (
        "president-universalization",
        Mandate.Body.PRESIDENT,
        Mandate.Kind.TASK,
        "Ways Forward on Universalisation",
        "With the Coordinators on universalization, take forward the first actions recommended in the "
        "paper “Ways Forward on Universalisation of the Convention on Cluster Munitions” "
        "(CCM/CONF/2020/12), which the Conference endorsed.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iv) (b)",
        ["universalization"],
        [],
        "Working paper on the machinery, paragraph 21 and footnote 4",
        "",
    ),
    (
        "president-missing-reports",
        Mandate.Body.PRESIDENT,
        Mandate.Kind.TASK,
        "States Parties late with their Article 7 reports",
        "Help and engage with States Parties that have obligations under Article 3 or 4, or keep or "
        "transfer cluster munitions under Article 3 (6) and (7), and have gone two years in a row without "
        "an Article 7 report on their progress, in close cooperation with the Coordinators concerned.",
        "2RC",
        SECOND_REVIEW_REPORT,
        "84 (iv) (c)",
        [],
        [],
        "Working paper on the machinery, paragraph 21 and footnote 4",
        "",
    ),
    (
        "risk-education-coordinator",
        Mandate.Body.COORDINATORS,
        Mandate.Kind.ESTABLISHMENT,
        "A dedicated Coordinator for Risk Education",
        "Appoint a Coordinator for Risk Education alone, to make the work in this area more effective, "
        "help follow the Lausanne Action Plan's indicators on it, and give Risk Education its own item "
        "on the agenda of Meetings of States Parties.",
        "12MSP",
        "CCM/MSP/2024/WP.1",
        "",
        ["risk-education"],
        [],
        "Working paper on the machinery, paragraph 6 and footnote 2",
        "",
    ),
]

ANALYSIS_GROUPS = [
    (
        3,
        "Ad hoc Analysis Group on Article 3 extension requests",
        "article-3",
        ["stockpile-destruction", "international-cooperation"],
    ),
    (
        4,
        "Ad hoc Analysis Group on Article 4 extension requests",
        "article-4",
        ["clearance", "risk-education", "international-cooperation"],
    ),
]
ANALYSIS_SUPPORT = "Representatives of the ISU and other States Parties may serve in a support role."
ANALYSIS_CONSULTS = (
    "The United Nations and its agencies, the ICRC, the CMC, the GICHD, and other organisations and "
    "demining experts, as appropriate."
)


def _state(iso3: str) -> Delegation:
    return Delegation.objects.get(iso3=iso3)


def _meeting(code: str) -> Meeting:
    return Meeting.objects.get(code=code)


def load(tally: Tally) -> None:
    ensure_14msp(tally)
    groups = load_working_groups(tally)
    load_presidencies(tally)
    load_coordinators(tally, groups)
    decisions = load_decisions(tally, groups)
    load_analysis_groups(tally, groups, decisions["analysis-groups"])
    load_succession(tally)
    load_presidency_bodies(tally)
    _, action = sync_record(
        ReportedFigure,
        lookup={"slug": COORDINATOR_FIGURE},
        values={
            "label": "States Parties appointed or re-appointed as Coordinators since the Coordination "
            "Committee was established",
            "value": 43,
            "as_of": date(2026, 3, 30),
            "source_note": WORKING_PAPER,
            "source_paragraph": "15",
        },
    )
    tally.add("reported figures", action)


def ensure_14msp(tally: Tally) -> None:
    """The 14MSP, named by the working paper, with its dates unknown: created only if absent, so
    that a record the meetings app or staff keep is never touched."""
    if Meeting.objects.filter(code="14MSP").exists():
        tally.add("planned meetings named by the machinery", "unchanged")
        return
    _, action = sync_record(
        Meeting,
        lookup={"code": "14MSP"},
        values={
            "kind": Meeting.Kind.MSP,
            "title": "Fourteenth Meeting of States Parties",
            "slug": "14msp",
            "status": Meeting.Status.PLANNED,
            "is_formal": True,
            "notes": "Named in the working paper on the machinery (paragraphs 11 and 27); dates not announced.",
            "sources": WORKING_PAPER,
        },
    )
    tally.add("planned meetings named by the machinery", action)


def load_working_groups(tally: Tally) -> dict[str, WorkingGroup]:
    groups = {}
    msp12 = _meeting("12MSP")
    for order, (slug, name, short, area, articles) in enumerate(WORKING_GROUPS, start=1):
        values = {
            "name": name,
            "short_name": short,
            "order": order,
            "thematic_area": area,
            "articles": articles,
            "source_note": WORKING_PAPER,
            "source_paragraph": "7",
        }
        if slug == "risk-education":
            values |= {
                "established_by": msp12,
                "source_symbol": "CCM/MSP/2024/WP.1",
                "establishment_note": RISK_EDUCATION_NOTE,
                "source_paragraph": "",
                "source_note": WORKING_PAPER + ", paragraph 6 and footnote 2",
            }
        else:
            values["establishment_note"] = UNRECORDED_ESTABLISHMENT
        groups[slug], action = sync_record(WorkingGroup, lookup={"slug": slug}, values=values)
        tally.add("working groups", action)
    return groups


def load_presidencies(tally: Tally) -> None:
    """Footnote 5 of the working paper: the State presiding over each meeting, 1MSP to 3RC."""
    with open(MEETINGS_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["presided_by_iso3"]:
                continue
            _, action = sync_record(
                Presidency,
                lookup={"meeting": _meeting(row["code"])},
                values={
                    "state": _state(row["presided_by_iso3"]),
                    "president_name": row["president_name"],
                    "source_note": WORKING_PAPER + ", paragraph 24 and footnote 5",
                },
            )
            tally.add("Presidencies", action)


def load_coordinators(tally: Tally, groups: dict[str, WorkingGroup]) -> None:
    msp13 = _meeting("13MSP")
    for slug, iso3, end_code in COORDINATORS_13MSP:
        state = _state(iso3)
        _, action = sync_record(
            CoordinatorMandate,
            lookup={
                "state": state,
                "working_group": groups[slug],
                "start_meeting": msp13,
                "start_date": None,
            },
            values={
                "end_meeting": _meeting(end_code) if end_code else None,
                "notes": COORDINATOR_NOTE if end_code else SINGLE_COORDINATOR_NOTE,
                "source_note": WORKING_PAPER,
                "source_paragraph": "11",
            },
        )
        tally.add("coordinator mandates", action)
    # Japan took up the role after the 13MSP (footnote 3).
    _, action = sync_record(
        CoordinatorMandate,
        lookup={
            "state": _state("JPN"),
            "working_group": groups["victim-assistance"],
            "start_meeting": None,
            "start_date": date(2026, 2, 1),
        },
        values={
            "start_precision": CoordinatorMandate.Precision.MONTH,
            "end_meeting": _meeting("14MSP"),
            "acceptance": "Accepted by note verbale in February 2026, answering the Presidency's invitation",
            "notes": "Listed by the working paper with the coordinators the 13MSP welcomed; Japan took up "
            "the role after the 13MSP.",
            "source_note": WORKING_PAPER,
            "source_paragraph": "11 and footnote 3",
        },
    )
    tally.add("coordinator mandates", action)


def load_decisions(tally: Tally, groups: dict[str, WorkingGroup]) -> dict[str, Mandate]:
    decisions = {}
    for order, row in enumerate(DECISIONS, start=1):
        key, body, kind, title, summary, code, symbol, paragraph, group_slugs, observers, cited, notes = row
        mandate, action = sync_record(
            Mandate,
            lookup={"meeting": _meeting(code), "title": title},
            values={
                "body": body,
                "kind": kind,
                "summary": summary,
                "source_symbol": symbol,
                "source_paragraph": paragraph,
                "source_note": cited,
                "order": order,
                "notes": notes,
            },
        )
        sync_m2m(mandate, "working_groups", [groups[s] for s in group_slugs])
        sync_m2m(mandate, "observers", [Delegation.objects.get(slug=s) for s in observers])
        decisions[key] = mandate
        tally.add("mandates", action)
    return decisions


def load_analysis_groups(tally: Tally, groups: dict[str, WorkingGroup], decision: Mandate) -> None:
    for article, name, slug, group_slugs in ANALYSIS_GROUPS:
        group, action = sync_record(
            AnalysisGroup,
            lookup={"article": article},
            values={
                "name": name,
                "slug": slug,
                "decision": decision,
                "support_roles": ANALYSIS_SUPPORT,
                "consults": ANALYSIS_CONSULTS,
            },
        )
        sync_m2m(group, "working_groups", [groups[s] for s in group_slugs])
        tally.add("analysis groups", action)


def load_succession(tally: Tally) -> None:
    _, action = sync_record(
        SuccessionReport,
        lookup={"meeting": _meeting("14MSP"), "as_of": date(2026, 3, 15)},
        values={
            "as_of_label": "mid-March 2026",
            "candidates_announced": False,
            "statement": "No State had yet been announced as a candidate to preside over the 14MSP.",
            "source_note": WORKING_PAPER,
            "source_paragraph": "27",
        },
    )
    tally.add("succession reports", action)


def load_presidency_bodies(tally: Tally) -> None:
    presidency = Presidency.objects.get(meeting__code="3RC")
    bodies = [
        (
            "technical-group-vcap",
            "Technical Group for the Vientiane Capital Action Plan",
            "Helps draft the Vientiane Capital Action Plan 2027–2031 so that its proposals are clear, "
            "coherent and measurable.",
            "Experts from the relevant United Nations entities, the ICRC, the GICHD, operational partners "
            "and civil society.",
            ["icrc", "gichd"],
        ),
        (
            "sponsorship-programme-working-group",
            "Informal working group on the Sponsorship Programme",
            "Reviews the CCM Sponsorship Programme, looking at transparency and accountability while "
            "keeping participation open to all.",
            "",
            [],
        ),
    ]
    for slug, name, purpose, composition, members in bodies:
        body, action = sync_record(
            PresidencyBody,
            lookup={"slug": slug},
            values={
                "name": name,
                "presidency": presidency,
                "purpose": purpose,
                "composition": composition,
                "announced_on": date(2026, 2, 20),
                "announced_at": "Informal regional consultation with the Americas Group, Palais des Nations, Geneva",
                "source_note": AMERICAS_SUMMARY + ", section 4",
            },
        )
        sync_m2m(body, "members", [Delegation.objects.get(slug=s) for s in members])
        tally.add("bodies set up by the Presidency", action)
