"""The derived facts of the machinery, on fixed dates (never today's)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from machinery.models import (
    AnalysisGroup,
    Candidacy,
    CoordinatorMandate,
    Presidency,
    TermStatus,
    WorkingGroup,
)
from machinery.offices import offices_held_by
from machinery.on_date import machinery_on
from meetings.models import Delegation, Meeting

pytestmark = pytest.mark.django_db

MID_MARCH = date(2026, 3, 15)


def _iso(delegations) -> set[str]:
    return {d.iso3 for d in delegations}


def _mandate(iso3: str, group: str) -> CoordinatorMandate:
    return CoordinatorMandate.objects.get(state__iso3=iso3, working_group__slug=group)


def test_presidency_chain_on_15_march_2026(ccm_data):
    p = machinery_on(MID_MARCH).presidency
    assert p.president.state.iso3 == "LAO" and p.current.meeting.code == "3RC"
    assert p.outgoing_president.state.iso3 == "PHL"
    assert p.next.meeting.code == "14MSP"
    assert p.designate is None and p.designate_vacant
    assert p.candidacies == []
    assert [r.as_of_label for r in p.reports] == ["mid-March 2026"]


def test_presidency_runs_from_the_close_of_the_previous_meeting(ccm_data):
    # The 13MSP closed on 19 September 2025: the Philippines preside through that day.
    on_close = machinery_on(date(2025, 9, 19)).presidency
    assert on_close.president.state.iso3 == "PHL"
    assert on_close.designate.state.iso3 == "LAO"
    assert on_close.designation_date_unknown
    after = machinery_on(date(2025, 9, 20)).presidency
    assert after.president.state.iso3 == "LAO" and after.outgoing_president.state.iso3 == "PHL"
    # The 2RC met in two parts (November 2020, September 2021): Switzerland presided throughout.
    during_2rc = machinery_on(date(2021, 3, 1)).presidency
    assert during_2rc.president.state.iso3 == "CHE"
    assert during_2rc.outgoing_president.state.iso3 == "LKA"
    assert during_2rc.designate.state.iso3 == "GBR"


def test_president_designate_only_from_the_designation_date(ccm_data):
    lao = Presidency.objects.get(meeting__code="3RC")
    lao.designated_on = date(2025, 6, 1)
    lao.save()
    before = machinery_on(date(2025, 5, 1)).presidency
    assert before.president.state.iso3 == "PHL"
    assert before.designate is None and before.designate_vacant
    after = machinery_on(date(2025, 6, 1)).presidency
    assert after.designate.state.iso3 == "LAO" and not after.designation_date_unknown


def test_candidacies_count_from_their_announcement(ccm_data):
    msp14 = Meeting.objects.get(code="14MSP")
    Candidacy.objects.create(
        meeting=msp14, state=Delegation.objects.get(iso3="CHL"), announced_on=date(2026, 4, 1)
    )
    assert machinery_on(MID_MARCH).presidency.candidacies == []
    assert "no candidate announced" in " ".join(machinery_on(MID_MARCH).vacancies)
    later = machinery_on(date(2026, 4, 2))
    assert [c.state.iso3 for c in later.presidency.candidacies] == ["CHL"]
    assert "candidates: Chile" in " ".join(later.vacancies)


def test_coordination_committee_on_15_march_2026(ccm_data):
    m = machinery_on(MID_MARCH)
    roles = {}
    for member in m.committee:
        roles.setdefault(member.role, []).append(member.delegation)
    assert _iso(roles["President"]) == {"LAO"}
    assert roles["President-designate"] == [None]  # vacant
    assert _iso(roles["Outgoing President"]) == {"PHL"}
    assert _iso(roles["Coordinator"]) == {
        "AUT", "CMR", "NOR", "CRI", "NER", "JPN", "FRA", "MEX", "PER", "BFA", "NLD", "CHE", "AUS", "PAN", "LBN",
    }  # fmt: skip
    assert {o.slug for o in roles["Observer"]} == {"icrc", "united-nations", "cmc"}
    assert m.coordinators_covered


def test_coordinators_by_working_group_with_terms_and_pairs(ccm_data):
    groups = {row.group.slug: row for row in machinery_on(MID_MARCH).groups}
    assert len(groups) == 9
    general = groups["general-status"]
    assert general.gender_focal_points
    by_state = {seat.mandate.state.iso3: seat for seat in general.seats}
    assert by_state["AUT"].mandate.end_phrase == "until the end of the 3RC"
    assert by_state["CMR"].mandate.end_phrase == "until the end of the 14MSP"
    assert [m.state.iso3 for m in by_state["AUT"].co_coordinators] == ["CMR"]
    assert not groups["clearance"].gender_focal_points
    victim = {seat.mandate.state.iso3 for seat in groups["victim-assistance"].seats}
    assert victim == {"NER", "JPN"}
    assert [s.mandate.state.iso3 for s in groups["risk-education"].seats] == ["LBN"]


def test_japan_counts_only_once_its_acceptance_month_is_over(ccm_data):
    japan = _mandate("JPN", "victim-assistance")
    assert japan.acceptance.startswith("Accepted by note verbale in February 2026")
    assert japan.status_on(date(2026, 1, 31)) == TermStatus.NOT_STARTED
    assert japan.status_on(date(2026, 2, 10)) == TermStatus.UNCERTAIN
    assert japan.status_on(date(2026, 3, 1)) == TermStatus.IN_OFFICE


def test_term_end_resolves_when_the_meetings_dates_are_entered(ccm_data):
    austria = _mandate("AUT", "general-status")
    assert austria.end is None
    assert austria.end_display == "until the end of the 3RC (September 2026)"
    assert austria.status_on(date(2026, 8, 31)) == TermStatus.IN_OFFICE
    assert austria.status_on(date(2026, 9, 10)) == TermStatus.UNCERTAIN
    assert austria.status_on(date(2026, 10, 1)) == TermStatus.ENDED

    rc3 = Meeting.objects.get(code="3RC")
    rc3.date_precision = Meeting.DatePrecision.DAY
    rc3.start_date, rc3.end_date = date(2026, 9, 14), date(2026, 9, 18)
    rc3.save()

    austria = _mandate("AUT", "general-status")
    assert austria.end == date(2026, 9, 18)
    assert austria.end_display == "until the end of the 3RC (18 September 2026)"
    assert austria.end_phrase == "until the end of the 3RC"
    assert austria.status_on(date(2026, 9, 18)) == TermStatus.IN_OFFICE
    assert austria.status_on(date(2026, 9, 19)) == TermStatus.ENDED
    # The chain moves on the same day: the 14MSP has no Presidency yet.
    after = machinery_on(date(2026, 9, 19))
    assert after.presidency.current.meeting.code == "14MSP" and after.presidency.president is None
    assert after.presidency.outgoing_president.state.iso3 == "LAO"
    assert "AUT" not in _iso(m.delegation for m in after.committee if m.role == "Coordinator")
    assert "CMR" in _iso(m.delegation for m in after.committee if m.role == "Coordinator")


def test_terms_ending_within_six_months_and_successors(ccm_data):
    m = machinery_on(MID_MARCH)
    ending = {(t.holder.iso3, t.role.split(",")[0]) for t in m.ending_soon}
    assert ending == {("LAO", "President"), ("AUT", "Coordinator"), ("NOR", "Coordinator"), ("FRA", "Coordinator"), ("NLD", "Coordinator")}  # fmt: skip
    assert all(t.successor for t in m.ending_soon)
    assert {t.successor for t in m.ending_soon if t.role != "President"} == {"no successor recorded"}
    # Six months earlier nothing ends within the horizon.
    assert machinery_on(date(2025, 10, 1)).ending_soon == []


def test_analysis_groups_are_derived_from_the_named_working_groups(ccm_data):
    groups = {row.group.article: row for row in machinery_on(MID_MARCH).analysis_groups}
    assert _iso(s for s, _ in groups[3].members) == {"PER", "BFA", "NLD", "CHE"}
    assert _iso(s for s, _ in groups[4].members) == {"FRA", "MEX", "LBN", "NLD", "CHE"}
    netherlands = {s.iso3: wgs for s, wgs in groups[4].members}["NLD"]
    assert [wg.slug for wg in netherlands] == ["international-cooperation"]
    # A new coordinator of a named group joins the group from the start of its term.
    CoordinatorMandate.objects.create(
        state=Delegation.objects.get(iso3="CHL"),
        working_group=WorkingGroup.objects.get(slug="clearance"),
        start_date=date(2026, 3, 1),
    )
    groups = {row.group.article: row for row in machinery_on(MID_MARCH).analysis_groups}
    assert "CHL" in _iso(s for s, _ in groups[4].members)
    assert "CHL" not in _iso(s for s, _ in groups[3].members)
    assert AnalysisGroup.objects.get(article=3).decision.source_paragraph == "84 (iii) (d)"


def test_on_1_january_2024_the_records_say_what_they_do_not_hold(ccm_data):
    m = machinery_on(date(2024, 1, 1))
    assert m.presidency.president.state.iso3 == "MEX"
    assert m.presidency.outgoing_president.state.iso3 == "IRQ"
    assert m.presidency.designate.state.iso3 == "PHL" and m.presidency.designation_date_unknown
    assert not m.coordinators_covered
    assert m.coordinator_records_start == date(2025, 9, 20)
    assert not [x for x in m.committee if x.role == "Coordinator"]
    assert all(not row.seats for row in m.groups)
    # Risk Education had no working group before the 12MSP decision.
    assert "risk-education" not in {row.group.slug for row in m.groups}
    assert all(not row.members for row in m.analysis_groups)
    assert m.vacancies == []


def test_figures_from_the_records(ccm_data):
    m = machinery_on(MID_MARCH)
    assert m.coordinator_state_count == 15
    assert m.reported_coordinator_figure.value == 43


def test_offices_held_by_a_state(ccm_data):
    lao = offices_held_by(Delegation.objects.get(iso3="LAO"))
    assert [link.meeting.code for link in lao.presidencies] == ["1MSP", "3RC"]
    japan = offices_held_by(Delegation.objects.get(iso3="JPN"))
    assert [m.working_group.slug for m in japan.coordinator_mandates] == ["victim-assistance"]
    icrc = offices_held_by(Delegation.objects.get(slug="icrc"))
    assert [d.meeting.code for d in icrc.observer_decisions] == ["2RC"]
    assert [b.slug for b in icrc.bodies] == ["technical-group-vcap"]
    assert not offices_held_by(Delegation.objects.get(iso3="USA")).any


# --- validation ---------------------------------------------------------------------------


def test_a_meeting_has_one_presidency(ccm_data):
    duplicate = Presidency(meeting=Meeting.objects.get(code="3RC"), state=Delegation.objects.get(iso3="MEX"))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "This meeting already has a Presidency." in str(error.value)


def test_a_term_cannot_end_before_it_starts(ccm_data):
    group = WorkingGroup.objects.get(slug="clearance")
    chile = Delegation.objects.get(iso3="CHL")
    mandate = CoordinatorMandate(
        state=chile,
        working_group=group,
        start_meeting=Meeting.objects.get(code="13MSP"),
        end_meeting=Meeting.objects.get(code="12MSP"),
    )
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert "The term cannot end before it starts." in str(error.value)
    dated = CoordinatorMandate(
        state=chile, working_group=group, start_date=date(2026, 3, 1), end_date=date(2026, 2, 1)
    )
    with pytest.raises(ValidationError):
        dated.full_clean()
