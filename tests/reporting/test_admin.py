"""Staff keep the reporting records in the admin: a report with its PDF, checked as the
documents' uploads are; the history of each record."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.models import Article7Report, ExtensionRequest, ReportVersion
from tests.conftest import one_page_pdf

from .conftest import party

pytestmark = pytest.mark.django_db


def _report_form(state, upload, **fields) -> dict:
    data = {
        "state": state.pk,
        "kind": "annual",
        "year": "2025",
        "received_on": "2026-04-20",
        "received_by": "un",
        "notes_en": "Received by e-mail.",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "0",
        "versions-0-language": "en",
        "versions-0-file": upload,
    }
    data.update(fields)
    return data


def test_staff_record_a_report_with_its_pdf(client, staff):
    state = party("Admin State", "ADM", date(2011, 3, 1))
    client.force_login(staff)
    upload = SimpleUploadedFile("report.pdf", one_page_pdf(), content_type="application/pdf")
    response = client.post("/admin/reporting/article7report/add/", _report_form(state, upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Article7Report.objects.get(state=state, year=2025)
    version = ReportVersion.objects.get(report=report)
    assert version.page_count == 1 and len(version.checksum) == 64
    assert version.file.read(5) == b"%PDF-"
    assert report.history.get().history_user == staff


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client, staff):
    state = party("Admin State", "ADM", date(2011, 3, 1))
    client.force_login(staff)
    upload = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post("/admin/reporting/article7report/add/", _report_form(state, upload))
    assert response.status_code == 200
    assert "The file is not a PDF (it does not start with %PDF-)." in response.content.decode()
    assert not Article7Report.objects.exists()


def test_an_annual_report_without_its_year_is_refused(client, staff):
    state = party("Admin State", "ADM", date(2011, 3, 1))
    client.force_login(staff)
    data = _report_form(state, "", year="", **{"versions-TOTAL_FORMS": "0"})
    response = client.post("/admin/reporting/article7report/add/", data)
    assert "Give the calendar year this annual report covers." in response.content.decode()
    assert not Article7Report.objects.exists()


def test_a_granted_extension_needs_its_new_deadline_and_meeting(client, staff):
    state = party("Admin State", "ADM", date(2011, 3, 1))
    client.force_login(staff)
    data = {
        "article": "4",
        "state": state.pk,
        "submitted_on": "2026-03-01",
        "period_months": "72",
        "decision": "granted",
    }
    body = client.post("/admin/reporting/extensionrequest/add/", data).content.decode()
    assert "An extension under this article may be of up to 60 months." in body
    assert "A granted extension needs the new deadline." in body
    assert "A granted extension needs the meeting that granted it." in body
    assert not ExtensionRequest.objects.exists()
