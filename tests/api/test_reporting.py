"""/api/v1/reporting: Article 7 reporting and the deadlines on a date, as /reporting/ shows them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reporting.conftest import annual, clearance, extension, initial, make_meeting, party

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    early = party("Early State", "EAR", date(2010, 8, 1))
    late = party("Late State", "LAT", date(2010, 8, 1))
    new = party("Newer State", "NEW", date(2026, 3, 1))
    for state in (early, late):
        initial(state, date(2011, 1, 10))
        for year in range(2010, 2025):
            annual(state, year)
    annual(early, 2025)
    return early, late, new


def test_reporting_on_1_may_2026(client, states):
    response = client.get("/api/v1/reporting?on=2026-05-01")
    assert response.status_code == 200
    data = response.json()
    assert data["on"] == "2026-05-01"
    rates = {rate["year"]: rate for rate in data["rates"]}
    assert rates[2025] == {"year": 2025, "due": "2026-04-30", "obliged": 2, "received": 1, "percent": 50}
    assert rates[2010]["percent"] == 100
    assert [(row["state"]["iso3"], row["years"]) for row in data["overdue_annual"]] == [("LAT", [2025])]
    assert data["overdue_initial"] == []  # the newer State's is due on 28 August 2026
    on_30_april = client.get("/api/v1/reporting?on=2026-04-30").json()
    assert on_30_april["overdue_annual"] == []


def test_deadlines_and_extension_requests(client, states):
    early = states[0]
    clearance(early)
    meeting = make_meeting("12MSP", date(2024, 9, 10), date(2024, 9, 13))
    extension(
        early,
        4,
        deciding_meeting=meeting,
        decision="granted",
        decision_symbol="CCM/MSP/2024/8",
        decision_paragraph="30",
        new_deadline=date(2027, 8, 1),
        notes="An internal note of the ISU",
    )
    response = client.get("/api/v1/reporting?on=2026-05-01")
    data = response.json()
    [deadline] = data["deadlines"]
    assert deadline["state"]["iso3"] == "EAR" and deadline["article"] == 4
    assert deadline["original"] == "2020-08-01"
    assert deadline["current"] == "2027-08-01"
    assert deadline["extensions"][0]["reference"].startswith("CCM/MSP/2024/8")
    [request] = data["extension_requests"]
    assert request["decision"] == "granted"
    assert request["deciding_meeting"] == "12MSP"
    assert request["new_deadline"] == "2027-08-01"
    assert request["decision_reference"] == "CCM/MSP/2024/8, paragraph 30"
    assert b"internal note" not in response.content  # not on the public page either
    french = client.get("/api/v1/reporting?on=2026-05-01&lang=fr").json()
    assert french["extension_requests"][0]["decision_label"] == "Accordée"


def test_bad_date_is_a_400_naming_the_field(client):
    response = client.get("/api/v1/reporting?on=2026-13-45")
    assert response.status_code == 400
    assert response.json()["field"] == "on"


def test_reporting_queries_are_constant_in_states(client):
    party("First State", "FIR", date(2010, 8, 1))
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/reporting?on=2026-05-01").status_code == 200
    party("Second State", "SEC", date(2011, 8, 1))
    party("Third State", "THI", date(2012, 8, 1))
    with CaptureQueriesContext(connection) as three:
        data = client.get("/api/v1/reporting?on=2026-05-01").json()
    assert len(data["overdue_annual"]) == 3
    assert len(one.captured_queries) == len(three.captured_queries)
