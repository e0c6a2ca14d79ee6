import re

import pytest
from django.template.loader import render_to_string

from machinery.offices import offices_held_by
from meetings.models import Delegation

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _section(text: str, heading: str, next_heading: str) -> str:
    return text[text.index(heading) : text.index(next_heading, text.index(heading))]


def test_overview_on_15_march_2026(client, ccm_data):
    response = client.get("/machinery/?on=2026-03-15")
    assert response.status_code == 200
    text = _text(response)
    assert "On 15 March 2026" in text
    presidency = _section(text, "Presidency President", "Every Presidency since the 1MSP")
    assert "President Lao PDR , presiding over the 3RC" in presidency
    assert (
        "from the close of the 13MSP (19 September 2025) to the close of the 3RC (September 2026)"
        in presidency
    )
    assert "Outgoing President Philippines , President of the 13MSP" in presidency
    assert "President-designate Vacant No candidate announced for the 14MSP Presidency." in presidency
    assert (
        "As of mid-March 2026: No State had yet been announced as a candidate to preside over the 14MSP."
        in presidency
    )
    assert "Technical Group for the Vientiane Capital Action Plan" in presidency
    committee = _section(text, "Members and observers on 15 March 2026", "Working groups and coordinators")
    for observer in [
        "International Committee of the Red Cross (ICRC)",
        "United Nations (UN)",
        "Cluster Munition Coalition (CMC)",
    ]:
        assert f"Observer {observer}" in committee
    assert "President-designate Vacant Presidency of the 14MSP" in committee
    groups = _section(text, "Coordinators in office on 15 March 2026", "Analysis groups")
    paragraph_11 = [
        ("General Status and Operation Gender focal points", "Austria", "3RC", "Cameroon", "14MSP"),
        ("Universalization", "Norway", "3RC", "Costa Rica", "14MSP"),
        ("Victim Assistance", "Niger", "14MSP", "Japan", "14MSP"),
        ("Clearance", "France", "3RC", "Mexico", "14MSP"),
        ("Storage and stockpile destruction", "Peru", "14MSP", "Burkina Faso", "14MSP"),
        ("International Cooperation and Assistance", "Netherlands", "3RC", "Switzerland", "14MSP"),
    ]
    for group, first, first_end, second, second_end in paragraph_11:
        row = re.search(
            rf"{group} {first} ?: [^:]*?until the end of the {first_end} \([^)]*\) · working with {second}",
            groups,
        )
        assert row, (group, groups)
        assert re.search(
            rf"{second} ?: [^:]*?until the end of the {second_end} \([^)]*\) · working with {first}", groups
        )
    assert "Japan : from February 2026, until the end of the 14MSP" in groups
    assert "Accepted by note verbale in February 2026" in groups
    for group, state in [
        ("National implementation measures", "Panama"),
        ("Transparency measures", "Australia"),
        ("Risk education", "Lebanon"),
    ]:
        assert (
            f"{group} {state} : from the close of the 13MSP (19 September 2025), end of term not stated"
            in groups
        )
    analysis = _section(text, "Analysis groups for extension requests", "Terms ending within six months")
    assert "Ad hoc Analysis Group on Article 3 extension requests" in analysis
    article_4 = analysis[analysis.index("Article 4") :]
    for state in ["France", "Mexico", "Lebanon", "Netherlands", "Switzerland"]:
        assert state in article_4
    ending = _section(text, "Terms ending within six months", "Vacancies")
    assert "Terms that end, or may end, by 15 September 2026" in ending
    assert "President Lao PDR at the close of the 3RC (September 2026)" in ending
    vacancies = _section(text, "Vacancies", "Mandates in force")
    assert "Presidency of the 14MSP: no candidate announced." in vacancies
    mandates = _section(text, "Mandates in force", "Figures")
    assert len(re.findall(r"CCM/CONF/2021/6 ?, paragraph 84 \(i", mandates)) == 7
    assert "CCM/MSP/2024/WP.1" in mandates
    assert "Ways Forward on Universalisation" in mandates
    figures = text[text.index("Figures") :]
    assert (
        "15 different States have been coordinators in the portal's records, which start on 20 September 2025"
        in figures
    )
    assert "The working paper on the machinery reports 43" in figures


def test_overview_on_1_january_2024_says_the_records_are_incomplete(client, ccm_data):
    text = _text(client.get("/machinery/?on=2024-01-01"))
    assert "President Mexico (Francisca Méndez Escobar), presiding over the 12MSP" in text
    assert "Outgoing President Iraq , President of the 11MSP" in text
    assert (
        "President-designate Philippines , to preside over the 13MSP (the date of designation is not in the records)"
        in text
    )
    assert (
        "The records of coordinators start on 20 September 2025: who coordinated the working groups on this "
        "date is not in the records, so no coordinators are shown." in text
    )
    committee = _section(text, "Members and observers on 1 January 2024", "Working groups and coordinators")
    assert "Coordinator" not in committee
    assert "Observer International Committee of the Red Cross (ICRC)" in committee
    # Today's coordinators are not shown as that date's.
    for state in ["Austria", "Cameroon", "Japan", "Lebanon"]:
        assert state not in text
    assert "Risk education" not in _section(text, "Working groups and coordinators", "Analysis groups")
    assert "Not in the records for this date" in text


@pytest.mark.parametrize("value", ["2026-13-45", "15/03/2026", "tomorrow", "9999-12-31"])
def test_overview_with_a_bad_date_explains_and_keeps_it(client, ccm_data, value):
    response = client.get("/machinery/", {"on": value})
    assert response.status_code == 400
    text = _text(response)
    assert "Give it as YYYY-MM-DD" in text or "Give a date between 2000 and 2099" in text
    assert f'value="{value}"' in response.content.decode()
    assert f"You gave “{value}”." in text
    assert "Correct the date above to see the office holders." in text
    assert "Lao PDR" not in text


def test_overview_before_the_convention(client, ccm_data):
    text = _text(client.get("/machinery/?on=2009-06-01"))
    assert "the portal holds no office holders before that date" in text


def test_presidencies_lists_the_16_in_order(client, ccm_data):
    text = _text(client.get("/machinery/presidencies/"))
    assert "16 Presidencies are recorded, held by 15 different States" in text
    table = _section(text, "Every Presidency, in order", "Regional distribution")
    expected = [
        ("1MSP", "Lao PDR"), ("2MSP", "Lebanon"), ("3MSP", "Norway"), ("4MSP", "Zambia"), ("5MSP", "Costa Rica"),
        ("1RC", "Croatia"), ("6MSP", "Netherlands"), ("7MSP", "Germany"), ("8MSP", "Nicaragua"),
        ("9MSP", "Sri Lanka"), ("2RC", "Switzerland"), ("10MSP", "United Kingdom"), ("11MSP", "Iraq"),
        ("12MSP", "Mexico"), ("13MSP", "Philippines"), ("3RC", "Lao PDR"),
    ]  # fmt: skip
    positions = []
    for number, (code, state) in enumerate(expected, start=1):
        match = re.search(rf"\b{number} {code} [^A-Z]*[A-Z][^|]*?{state}", table)
        assert match, (code, state)
        positions.append(match.start())
    assert positions == sorted(positions)
    distribution = _section(text, "Presidencies by the region of the presiding State", "Coming Presidencies")
    assert "Africa 1 6%" in distribution
    assert "Americas 3 19%" in distribution
    assert "Asia/Pacific 6 38%" in distribution
    assert "Europe 6 38%" in distribution
    assert "Total 16" in distribution
    coming = text[text.index("Coming Presidencies") :]
    assert "14MSP (Dates not announced): Vacant no candidate announced" in coming


def test_working_group_page_shows_its_history(client, ccm_data):
    text = _text(client.get("/machinery/working-groups/risk-education/"))
    assert "Working Group on Risk education" in text
    assert "By decision of the Twelfth Meeting of States Parties (12MSP)" in text
    assert "CCM/MSP/2024/WP.1" in text
    assert "Lebanon from the close of the 13MSP (19 September 2025) end of term not stated" in text
    assert "Ad hoc Analysis Group on Article 4 extension requests" in text
    general = _text(client.get("/machinery/working-groups/general-status/"))
    assert "Gender focal points" in general and "84 (iii) (c)" in general
    assert (
        "Austria from the close of the 13MSP (19 September 2025) until the end of the 3RC (September 2026)"
        in general
    )


def test_working_group_unknown_is_404(client, db):
    assert client.get("/machinery/working-groups/nothing/").status_code == 404


def test_offices_held_partial_for_the_delegation_page(client, ccm_data):
    def offices(**lookup) -> str:
        held = offices_held_by(Delegation.objects.get(**lookup))
        html = render_to_string("machinery/_offices_held.html", {"held": held})
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    lao = offices(iso3="LAO")
    assert "Offices held" in lao
    assert "Presidency of the 1MSP" in lao and "Presidency of the 3RC" in lao
    japan = offices(iso3="JPN")
    assert "Coordinator, Working Group on Victim Assistance" in japan
    assert "note verbale" in japan
    assert "No office in the Convention" in offices(iso3="USA")
