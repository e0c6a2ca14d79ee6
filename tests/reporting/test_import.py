"""Importing the history of Article 7 reports from a spreadsheet: a preview, the errors of each
row, and nothing imported while one row is bad."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.models import User
from reporting.models import Article7Report

from .conftest import annual, party

pytestmark = pytest.mark.django_db

HEADER = "state,report,year,received_on,received_by,source\n"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("&#x27;", "'")


def _csv(body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("reports.csv", (HEADER + body).encode(), content_type="text/csv")


@pytest.fixture
def states():
    return party("Import State", "IMP", date(2011, 3, 1)), party("Other State", "OTH", date(2011, 3, 1))


def test_preview_then_confirm_imports_every_row_with_history(client, staff, states):
    client.force_login(staff)
    upload = _csv("IMP,initial,,2011-08-20,un,UN register\nimp,annual,2024,2025-04-28,isu,ISU inbox\n")
    preview = client.post("/reporting/import/", {"file": upload})
    assert preview.status_code == 200
    assert "2 reports are ready to import." in _text(preview)
    assert not Article7Report.objects.exists()  # the preview writes nothing
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)
    done = client.post("/reporting/import/", {"payload": payload}, follow=True)
    assert "2 reports imported." in _text(done)
    report = Article7Report.objects.get(state__iso3="IMP", year=2024)
    assert report.received_by == "isu" and report.source_note == "ISU inbox"
    assert report.history.get().history_user == staff
    # The same preview confirmed twice does not record the reports twice.
    again = client.post("/reporting/import/", {"payload": payload})
    assert again.status_code == 400 and "This report is already recorded." in _text(again)
    assert Article7Report.objects.count() == 2


def test_one_bad_row_imports_nothing_and_says_which_and_why(client, staff, states):
    client.force_login(staff)
    annual(states[1], 2023)
    upload = _csv(
        "IMP,annual,2023,2024-04-10,un,\n"
        "XXX,annual,2023,2024-04-10,un,\n"
        "IMP,annual,2024,30/04/2025,un,\n"
        "OTH,annual,2023,2024-04-10,un,\n"
        "IMP,annual,2023,2024-04-11,un,\n"
    )
    response = client.post("/reporting/import/", {"file": upload})
    text = _text(response)
    assert response.status_code == 400
    assert "Nothing was imported" in text
    assert "Row 3: “XXX” is not the ISO code of a State." in text
    assert "Row 4: The date received must be given as YYYY-MM-DD." in text
    assert "Row 5: This report is already recorded." in text
    assert "Row 6: The same report is on row 2." in text
    assert 'name="payload"' not in response.content.decode()
    assert Article7Report.objects.count() == 1


def test_xlsx_is_read_like_csv(client, staff, states):
    client.force_login(staff)
    book = Workbook()
    sheet = book.active
    sheet.append(["state", "report", "year", "received_on", "received_by", "source"])
    sheet.append(["IMP", "annual", 2024, date(2025, 4, 2), "un", "UN register"])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("reports.xlsx", out.getvalue())
    response = client.post("/reporting/import/", {"file": upload})
    assert "1 report is ready to import." in _text(response)
    assert "Import State" in _text(response)


def test_unreadable_files_get_a_message(client, staff, states):
    client.force_login(staff)
    wrong = client.post("/reporting/import/", {"file": SimpleUploadedFile("r.txt", b"x")})
    assert wrong.status_code == 400 and "Upload a .csv or .xlsx file." in _text(wrong)
    header = client.post("/reporting/import/", {"file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")})
    assert "The first row must name the columns: state, report, year" in _text(header)
    broken = client.post("/reporting/import/", {"file": SimpleUploadedFile("r.xlsx", b"not a zip")})
    assert "The spreadsheet cannot be read" in _text(broken)
    tampered = client.post("/reporting/import/", {"payload": "abc:def"})
    assert "The preview has expired or was altered" in _text(tampered)
    assert not Article7Report.objects.exists()


def test_import_is_for_isu_staff_only(client, states):
    assert client.get("/reporting/import/").status_code == 302
    client.force_login(User.objects.create_user(email="fp@example.org", password="x-pass-12345"))
    assert client.get("/reporting/import/").status_code == 404
    assert (
        client.post("/reporting/import/", {"file": _csv("IMP,initial,,2011-08-20,un,\n")}).status_code == 404
    )
    assert not Article7Report.objects.exists()
