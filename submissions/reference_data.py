"""Reference data of the submissions app: the drafts prepared for the Third Review Conference.

Source: the summary of the informal regional consultation with the Americas Group
(20 February 2026), agenda items 2 (a) to 2 (c). Only what the source states is recorded: the
zero draft's text, its opening date and its deadlines are not given, so the portal holds the
version without text and the window without dates, and accepts nothing on it. The figures the
Presidency reported are kept as a reported statistic, not as submissions.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ccm_portal.lib.refdata import Tally, sync_record
from meetings.models import Meeting

from .models import Draft, DraftVersion, ReportedStatistic, SubmissionWindow, WindowExtension

SOURCE = (
    "Summary of the informal regional consultation with the Americas Group, Palais des Nations, "
    "Geneva, 20 February 2026"
)
PRESIDENCY = "The Presidency of the Third Review Conference (Lao PDR)"
GENEVA = ZoneInfo("Europe/Zurich")

DRAFTS = [
    {
        "slug": "review-status-operation-2021-2025",
        "code": "RSO",
        "title": "Review of the Status and Operation of the Convention (2021–2025)",
        "description": (
            "The review that the Third Review Conference is to consider: how the Convention was applied "
            "and how its machinery worked between 2021 and 2025. The Presidency circulated a zero draft "
            "and asked for written submissions on it. Reporting on them on 20 February 2026, it described "
            "the feedback as largely positive, with delegations valuing an inclusive and structured process."
        ),
        "next_step": "A revised draft is expected to be circulated in early March 2026.",
        "sources": f"{SOURCE}, agenda item 2 (a)",
    },
    {
        "slug": "vientiane-capital-action-plan-2027-2031",
        "code": "VCAP",
        "title": "Vientiane Capital Action Plan 2027–2031",
        "description": (
            "The Convention's next action plan, to be adopted at the Third Review Conference; the "
            "Presidency announced that it will be called the Vientiane Capital Action Plan (VCAP). The "
            "Coordination Committee's retreat of January 2026 asked for a focused, practical framework "
            "geared to implementation. A Technical Group of experts from UN entities, the ICRC, the GICHD, "
            "operational partners and civil society supports the drafting."
        ),
        "next_step": "In preparation: no draft has been circulated yet.",
        "sources": f"{SOURCE}, agenda item 2 (b) and item 4",
    },
    {
        "slug": "political-declaration-3rc",
        "code": "PD",
        "title": "Political Declaration of the Third Review Conference",
        "description": (
            "A declaration of the States Parties' vision, reaffirming their commitments under the "
            "Convention. No delegation spoke on it at the consultation with the Americas Group."
        ),
        "next_step": "In preparation: drafting starts once the details of the Action Plan are clearer.",
        "sources": f"{SOURCE}, agenda item 2 (c)",
    },
]


def load(tally: Tally) -> None:
    third_review_conference = Meeting.objects.filter(code="3RC").first()
    drafts = {}
    for data in DRAFTS:
        values = {k: v for k, v in data.items() if k != "slug"} | {"meeting": third_review_conference}
        drafts[data["slug"]], action = sync_record(Draft, lookup={"slug": data["slug"]}, values=values)
        tally.add("drafts", action)

    review = drafts["review-status-operation-2021-2025"]
    zero_draft, action = sync_record(
        DraftVersion,
        lookup={"draft": review, "number": 1},
        values={
            "label": "Zero draft",
            "text_held": False,
            "notes": "The portal records the zero draft and the submissions reported on it; its text is not held here.",
        },
    )
    tally.add("draft versions", action)

    window, action = sync_record(
        SubmissionWindow,
        lookup={"version": zero_draft},
        values={
            "time_zone": "Europe/Zurich",
            "notes": (
                "The source gives neither the opening date nor the deadline, only that the deadline was "
                "extended. States Parties, States not party, UN agencies and other organisations submitted."
            ),
        },
    )
    tally.add("submission windows", action)

    _, action = sync_record(
        WindowExtension,
        lookup={"window": window, "delegation": None, "decided_by": PRESIDENCY},
        values={
            "new_deadline": None,
            "reason": (
                "The Presidency extended the deadline for submissions on the zero draft; Peru and Canada "
                "thanked it for the extension on 20 February 2026, Peru adding that its internal "
                "consultations were still under way. The source does not give the new date. "
                f"Source: {SOURCE}, agenda item 2 (a)."
            ),
            "recorded_at": datetime(2026, 2, 20, 10, 0, tzinfo=GENEVA),
        },
    )
    tally.add("deadline extensions", action)

    _, action = sync_record(
        ReportedStatistic,
        lookup={"version": zero_draft, "as_of": date(2026, 2, 18)},
        values={
            "states_parties": 19,
            "states_not_party": 2,
            "un_agencies": 2,
            "other_organisations": 9,
            "reported_by": "The Presidency (Lao PDR), at the consultation with the Americas Group on 20 February 2026",
            "source": f"{SOURCE}, agenda item 2 (a)",
        },
    )
    tally.add("reported statistics", action)
