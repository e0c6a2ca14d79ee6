from datetime import date

import pytest
from django.core.management import call_command

from machinery.models import (
    AnalysisGroup,
    CoordinatorMandate,
    Mandate,
    Presidency,
    PresidencyBody,
    ReportedFigure,
    SuccessionReport,
    WorkingGroup,
)
from meetings.models import Meeting

from .conftest import make_meeting

pytestmark = pytest.mark.django_db

MODELS = [
    WorkingGroup,
    CoordinatorMandate,
    Presidency,
    Mandate,
    AnalysisGroup,
    SuccessionReport,
    PresidencyBody,
    ReportedFigure,
]


def _snapshot():
    return {
        model.__name__: (
            model.objects.count(),
            model.history.count(),
            sorted(model.objects.values_list("pk", flat=True)),
        )
        for model in MODELS
    } | {
        "m2m": (
            sorted(Mandate.working_groups.through.objects.values_list("mandate_id", "workinggroup_id")),
            sorted(Mandate.observers.through.objects.values_list("mandate_id", "delegation_id")),
            sorted(
                AnalysisGroup.working_groups.through.objects.values_list(
                    "analysisgroup_id", "workinggroup_id"
                )
            ),
        ),
        "meetings": Meeting.objects.count(),
    }


def test_the_working_paper_becomes_records(fresh_ccm_data):
    assert list(WorkingGroup.objects.values_list("name", flat=True)) == [
        "General Status and Operation of the Convention",
        "Universalization",
        "Clearance and destruction of cluster munition remnants",
        "Risk education",
        "Victim Assistance",
        "International cooperation and assistance",
        "National implementation measures",
        "Transparency measures",
        "Storage and stockpile destruction",
    ]
    risk = WorkingGroup.objects.get(slug="risk-education")
    assert risk.established_by.code == "12MSP" and risk.source_symbol == "CCM/MSP/2024/WP.1"
    assert WorkingGroup.objects.get(slug="stockpile-destruction").articles == "Article 3"
    assert CoordinatorMandate.objects.count() == 15
    assert CoordinatorMandate.objects.filter(end_meeting__code="3RC").count() == 4
    assert CoordinatorMandate.objects.filter(end_meeting__code="14MSP").count() == 8
    assert CoordinatorMandate.objects.filter(end_meeting=None).count() == 3
    presidencies = Presidency.objects.order_by("meeting__start_date")
    assert [p.meeting.code for p in presidencies] == [
        "1MSP", "2MSP", "3MSP", "4MSP", "5MSP", "1RC", "6MSP", "7MSP", "8MSP", "9MSP", "2RC", "10MSP", "11MSP",
        "12MSP", "13MSP", "3RC",
    ]  # fmt: skip
    assert [p.state.iso3 for p in presidencies][-2:] == ["PHL", "LAO"]
    msp14 = Meeting.objects.get(code="14MSP")
    assert msp14.start_date is None and msp14.status == Meeting.Status.PLANNED
    assert not hasattr(msp14, "presidency") or msp14.presidency is None
    report = SuccessionReport.objects.get(meeting=msp14)
    assert report.as_of == date(2026, 3, 15) and not report.candidates_announced
    paragraphs = set(Mandate.objects.values_list("source_paragraph", flat=True))
    assert {
        "84 (iii) (a)",
        "84 (iii) (b)",
        "84 (iii) (c)",
        "84 (iii) (d)",
        "84 (iv) (a)",
        "84 (iv) (b)",
        "84 (iv) (c)",
    } <= paragraphs
    assert Mandate.objects.filter(body=Mandate.Body.PRESIDENT).count() == 3
    composition = Mandate.objects.get(kind=Mandate.Kind.COMPOSITION)
    assert set(composition.observers.values_list("slug", flat=True)) == {"icrc", "united-nations", "cmc"}
    technical = PresidencyBody.objects.get(slug="technical-group-vcap")
    assert technical.presidency.state.iso3 == "LAO"
    assert "operational partners and civil society" in technical.composition
    assert ReportedFigure.objects.get().value == 43


def test_loading_twice_changes_nothing(fresh_ccm_data, capsys):
    first = _snapshot()
    call_command("load_ccm_data")
    assert _snapshot() == first
    out = capsys.readouterr().out
    assert "coordinator mandates: 15 unchanged" in out
    assert "Presidencies: 16 unchanged" in out


def test_loading_keeps_what_staff_edited(fresh_ccm_data, staff):
    japan = CoordinatorMandate.objects.get(state__iso3="JPN")
    japan.acceptance = "Confirmed by note verbale of 12 February 2026"
    japan._history_user = staff
    japan.save()
    call_command("load_ccm_data")
    japan.refresh_from_db()
    assert japan.acceptance == "Confirmed by note verbale of 12 February 2026"


def test_an_existing_14msp_is_left_alone(db):
    make_meeting("14MSP", date(2027, 9, 6), date(2027, 9, 9), title="Fourteenth Meeting of States Parties")
    call_command("load_ccm_data")
    msp14 = Meeting.objects.get(code="14MSP")
    assert msp14.start_date == date(2027, 9, 6)
    cameroon = CoordinatorMandate.objects.get(state__iso3="CMR")
    assert cameroon.end == date(2027, 9, 9)
