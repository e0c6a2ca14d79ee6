"""Reference data of the document register: the working paper of the First Preparatory
Meeting of the Third Review Conference (30 March 2026) and the documents it cites, as
register entries with what is known of them. The portal holds no PDF of any of them, and the
working paper's text is a synopsis in the portal's own words, not the paper's text.

Loaded by load_ccm_data after meetings.reference_data (INSTALLED_APPS order), so the formal
meetings exist."""

from datetime import date

from ccm_portal.lib.refdata import Tally, sync_record
from meetings.models import AgendaItem, Meeting

from .models import Document
from .services import refresh_index

PREPARATORY_MEETING_SLUG = "3rc-first-preparatory-meeting"  # loaded by meetings.reference_data
WORKING_PAPER_DATE = date(2026, 3, 30)
SOURCE = "Working paper of the First Preparatory Meeting for the Third Review Conference, 30 March 2026"

WORKING_PAPER_SUMMARY = (
    "A working paper prepared for the Third Review Conference on one part of the Convention's "
    "machinery: its office holders. It traces how the Coordination Committee, the nine Working "
    "Groups with their Coordinators, and the Presidency came to have their present roles, records "
    "which States coordinate each Working Group since the Thirteenth Meeting of States Parties, and "
    "puts forward points for States Parties to weigh before the Conference, from clearer guidance "
    "for office holders to a more predictable way of choosing future Presidencies."
)

# A synopsis written for the portal (not the paper's wording); footnotes give the paper's sources.
WORKING_PAPER_BODY = """\
# I. Introduction

The paper looks at the Convention's office holders (the Coordination Committee, the Coordinators \
and the President) at a time when the Review Conference may adjust the machinery as a whole, and \
it builds on the draft review of the Lausanne Action Plan.

# II. The Coordination Committee and Working Groups/Coordinators

It recalls what the Second Review Conference settled: who sits on the Coordination Committee and \
who observes, the Committee's yearly progress report, the Coordinators' role as gender focal \
points, and which Coordinators form the ad hoc analysis groups for extension requests under \
Articles 3 and 4.[^1] It adds that the Twelfth Meeting of States Parties created a dedicated \
Coordinator for Risk Education.[^2]

It then describes the nine Working Groups and how Coordinators are proposed and appointed, lists \
the Coordinators welcomed by the Thirteenth Meeting of States Parties, and notes that their \
reporting rests on decisions of States Parties rather than on terms of reference.[^3] Since the \
Committee was set up, 43 States Parties have served as Coordinators.

Points offered to States Parties: mandates adjusted to the next action plan, gender and diversity \
across all mandates, wider participation in the Committee, and guidance that keeps office holders' \
work continuous from one cycle to the next.

# III. The Presidency

It recalls the tasks that the Second Review Conference gave the President, among them promoting, \
with the Coordinators on universalization, the recommendations of the paper on universalisation \
that the Conference endorsed.[^4] It describes the Presidency's role in practice and the informal \
way successors are found, refers to earlier proposals for a more predictable selection[^5], and \
records that no candidate for the Presidency of the Fourteenth Meeting of States Parties had been \
announced by mid-March 2026.

[^1]: CCM/CONF/2021/6, paragraph 84 (iii) a–d.
[^2]: CCM/MSP/2024/WP.1.
[^3]: CCM/CONF/2021/6, paragraph 84.3(b).
[^4]: CCM/CONF/2021/6, paragraph (iv) a–c; CCM/CONF/2020/12.
[^5]: CCM/MSP/2018/WP.3.
"""

# The documents the working paper cites: (symbol, meeting code, kind, title, title supplied?, summary)
CITED = [
    (
        "CCM/CONF/2021/6",
        "2RC",
        Document.Kind.REPORT,
        "Final report of the Second Review Conference",
        True,
        "The record of the Second Review Conference. The working paper of March 2026 cites it for "
        "the Conference's decisions on the Coordination Committee, the Coordinators and their "
        "reporting, and the ad hoc analysis groups for extension requests (paragraph 84), and for "
        "the tasks it gave the President.",
    ),
    (
        "CCM/MSP/2024/WP.1",
        "12MSP",
        Document.Kind.WORKING_PAPER,
        "Working paper on a dedicated Coordinator for Risk Education",
        True,
        "Cited as the basis of the Twelfth Meeting of States Parties' decision to appoint a "
        "dedicated Coordinator for Risk Education, with a separate agenda item on risk education "
        "at Meetings of States Parties.",
    ),
    (
        "CCM/CONF/2020/12",
        "2RC",
        Document.Kind.WORKING_PAPER,
        "Ways Forward on Universalisation of the Convention on Cluster Munitions",
        False,
        "A paper on universalisation endorsed by the Second Review Conference, which asked the "
        "President to work with the Coordinators on universalization to promote its recommended "
        "initial actions.",
    ),
    (
        "CCM/MSP/2018/WP.3",
        "8MSP",
        Document.Kind.WORKING_PAPER,
        "Establishment of a Process for the Selection of the Presidency of the CCM",
        False,
        "A working paper on how the Presidency should be selected; cited in 2026 among the "
        "proposals for a more predictable succession of Presidencies.",
    ),
]


def _preparatory_meeting() -> Meeting:
    """The First Preparatory Meeting, loaded with the meetings of the seeds just before."""
    return Meeting.objects.get(slug=PREPARATORY_MEETING_SLUG)


def _agenda_item_7(meeting: Meeting) -> AgendaItem:
    return AgendaItem.objects.get(meeting=meeting, number="7")


def load(tally: Tally) -> None:
    meeting = _preparatory_meeting()
    item = _agenda_item_7(meeting)
    meetings = {m.code: m for m in Meeting.objects.filter(code__in={c[1] for c in CITED})}

    for symbol, code, kind, title, supplied, summary in CITED:
        document, action = sync_record(
            Document,
            lookup={"symbol": symbol},
            values={
                "slug": symbol.lower().replace("/", "-").replace(".", "-"),
                "title": title,
                "title_is_descriptive": supplied,
                "kind": kind,
                "meeting": meetings.get(code),
                "summary": summary,
                "status": Document.Status.PUBLISHED,
                "notes": (
                    f"Register entry known from its citation in the {SOURCE.lower()}. "
                    "The portal holds no PDF of it."
                ),
            },
        )
        refresh_index(document)
        tally.add("documents cited by the working paper", action)

    document, action = sync_record(
        Document,
        lookup={"slug": "1pm-3rc-machinery-coordination-committee-president"},
        values={
            "title": (
                "Reflections and options regarding the Convention's machinery: "
                "Coordination Committee and the Role of the President"
            ),
            "kind": Document.Kind.WORKING_PAPER,
            "meeting": meeting,
            "agenda_item": item,
            "date": WORKING_PAPER_DATE,
            "distribution": Document.Distribution.GENERAL,
            "original_language": "en",
            "original_only": True,
            "without_formal_editing": True,
            "summary": WORKING_PAPER_SUMMARY,
            "body": WORKING_PAPER_BODY,
            "status": Document.Status.PUBLISHED,
            "notes": (
                "No symbol is known for this working paper, so it has a slug address. "
                "The text shown is a synopsis written for the portal, not the paper's own wording; "
                "the portal holds no PDF of it."
            ),
        },
    )
    refresh_index(document)
    tally.add("working papers", action)
