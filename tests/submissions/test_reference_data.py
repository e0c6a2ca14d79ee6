"""The drafts the seeds name, loaded idempotently, shown on the portal's pages."""

import pytest
from django.core.management import call_command

from submissions.models import (
    Draft,
    DraftVersion,
    ReportedStatistic,
    Submission,
    SubmissionWindow,
    WindowExtension,
)

from .conftest import text_of

pytestmark = pytest.mark.django_db


def test_reference_data_holds_the_three_drafts_for_the_3rc():
    call_command("load_ccm_data")
    review = Draft.objects.get(code="RSO")
    assert review.title == "Review of the Status and Operation of the Convention (2021–2025)"
    assert review.meeting.code == "3RC"
    assert review.next_step == "A revised draft is expected to be circulated in early March 2026."
    zero = review.versions.get()
    assert zero.label == "Zero draft" and not zero.text_held and not zero.paragraphs.exists()
    window = zero.window
    assert window.was_extended and window.deadline is None  # extended; no date in the source
    assert not window.is_open(at=window.extensions.get().recorded_at)  # the portal accepts nothing on it
    stat = ReportedStatistic.objects.get(version=zero)
    assert (
        stat.as_of.isoformat(),
        stat.states_parties,
        stat.states_not_party,
        stat.un_agencies,
        stat.other_organisations,
    ) == (
        "2026-02-18",
        19,
        2,
        2,
        9,
    )
    assert stat.total == 32
    assert not Submission.objects.exists()  # figures reported, no submission invented
    for code in ("VCAP", "PD"):
        draft = Draft.objects.get(code=code)
        assert draft.meeting.code == "3RC" and not draft.versions.exists()
    assert Draft.objects.get(code="VCAP").title == "Vientiane Capital Action Plan 2027–2031"


def test_loading_twice_changes_nothing_and_keeps_staff_edits(staff):
    call_command("load_ccm_data")
    counts = [
        m.objects.count() for m in (Draft, DraftVersion, SubmissionWindow, WindowExtension, ReportedStatistic)
    ]
    draft = Draft.objects.get(code="VCAP")
    draft.next_step = "Draft circulated to States Parties."
    draft._history_user = staff
    draft.save()
    call_command("load_ccm_data")
    assert [
        m.objects.count() for m in (Draft, DraftVersion, SubmissionWindow, WindowExtension, ReportedStatistic)
    ] == counts
    draft.refresh_from_db()
    assert draft.next_step == "Draft circulated to States Parties."


def test_public_pages_show_the_seed_facts(client, staff):
    call_command("load_ccm_data")
    text = text_of(client.get("/submissions/drafts/review-status-operation-2021-2025/"))
    assert "Review of the Status and Operation of the Convention (2021–2025)" in text
    assert "Zero draft" in text and "Text not held in the portal" in text
    assert "A revised draft is expected to be circulated in early March 2026." in text
    assert "extended" in text and "Peru and Canada" in text
    text = text_of(client.get("/submissions/drafts/vientiane-capital-action-plan-2027-2031/"))
    assert "In preparation: no version yet" in text
    client.force_login(staff)
    zero = DraftVersion.objects.get(draft__code="RSO")
    text = text_of(client.get(f"/submissions/isu/statistics/?version={zero.pk}&on=2026-02-18"))
    assert "As reported, as of 18 February 2026" in text
    assert "States Parties 19 States not party 2 UN agencies 2 Other organisations 9 Total 32" in text
    text = text_of(client.get("/submissions/isu/"))
    assert "Political Declaration of the Third Review Conference" in text
