"""The ISU's registration pages: every registration with filters, bulk decisions, who has not
registered, the CSV export and the views logged in the security log."""

import pytest

from registration.models import DelegationRegistration, SecurityEvent

from .conftest import make_registration, not_party, signatory, state_party, text_of

pytestmark = pytest.mark.django_db

URL = "/meetings/demo-msp/registration/isu/"


def test_isu_list_filters_and_lists_who_has_not_registered(client, staff, mexico, chile, period):
    make_registration(period, mexico, state="approved")
    make_registration(period, chile)
    signatory("Indonesia", "IDN")
    not_party("Russian Federation", "RUS")
    state_party("Peru", "PER")
    client.force_login(staff)
    page = text_of(client.get(URL))
    assert "Mexico" in page and "Chile" in page
    missing = page.split("Not registered yet")[1]
    assert "Indonesia" in missing and "Peru" in missing
    assert "Russian Federation" not in missing and "Mexico" not in missing
    filtered = text_of(client.get(URL, {"state": "approved"}))
    assert "1 registration" in filtered and "Mexico" in filtered.split("Not registered yet")[0]
    assert "Chile" not in filtered.split("Not registered yet")[0]


def test_bulk_approve_and_reject_with_reason(client, staff, mexico, chile, period):
    a = make_registration(period, mexico)
    b = make_registration(period, chile)
    client.force_login(staff)
    client.post(f"{URL}decide/", {"decision": "approve", "registrations": [a.pk, b.pk]})
    assert set(DelegationRegistration.objects.values_list("state", flat=True)) == {"approved"}
    response = client.post(f"{URL}decide/", {"decision": "reject", "registrations": [b.pk], "reason": ""})
    assert response.status_code == 400
    assert "Give the reason for the rejection" in text_of(response)
    assert f'value="{b.pk}" id="reg-{b.pk}" checked' in response.content.decode()
    assert f'value="{a.pk}" id="reg-{a.pk}" checked' not in response.content.decode()
    client.post(f"{URL}decide/", {"decision": "reject", "registrations": [b.pk], "reason": "No note verbale"})
    b.refresh_from_db()
    assert (b.state, b.state_reason, b.decided_by) == ("rejected", "No note verbale", staff)


def test_detail_view_and_export_are_logged(client, staff, mexico, period):
    registration = make_registration(period, mexico, members=2)
    client.force_login(staff)
    page = text_of(client.get(f"{URL}{registration.pk}/"))
    assert "Mexico Member 1" in page and "m1@mexico.example" in page
    response = client.get(f"{URL}export.csv")
    body = response.content.decode()
    assert "Mexico Member 2" in body and "m0@mexico.example" in body
    actions = list(
        SecurityEvent.objects.order_by("at", "pk").values_list("action", "user__email", "delegation__name")
    )
    assert actions == [("viewed", staff.email, "Mexico"), ("exported", staff.email, None)]


def test_csv_cells_that_look_like_formulas_are_neutralised(client, staff, mexico, period):
    registration = make_registration(period, mexico)
    registration.participants.update(name='=HYPERLINK("x")')
    client.force_login(staff)
    assert "'=HYPERLINK" in client.get(f"{URL}export.csv").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "export.csv",
        "export.xlsx",
        "extensions/",
        "seating/",
        "seating.pdf",
        "name-plates.pdf",
        "participants/",
        "badges.pdf",
        "check-in/",
        "decide/",
    ],
)
def test_isu_pages_are_404_for_focal_points(client, fp_a, mexico, period, path):
    registration = make_registration(period, mexico)
    client.force_login(fp_a)
    assert client.get(f"{URL}{path}").status_code in (404, 405)
    assert client.get(f"{URL}{registration.pk}/").status_code == 404
    # Nothing personal was viewed or exported; the refusals are in the security log.
    assert not SecurityEvent.objects.exclude(action=SecurityEvent.Action.REFUSED).exists()
    refusals = SecurityEvent.objects.filter(action=SecurityEvent.Action.REFUSED, user=fp_a)
    assert f"404 GET /meetings/demo-msp/registration/isu/{registration.pk}/" in [r.detail for r in refusals]


def test_isu_records_extension_for_one_delegation(client, staff, mexico, period):
    client.force_login(staff)
    response = client.post(
        f"{URL}extensions/",
        {
            "new_date": "2100-01-15",
            "new_time": "18:00",
            "delegation": mexico.pk,
            "decided_by": "the President",
            "reason": "Late credentials",
        },
    )
    assert response.status_code == 302
    page = text_of(client.get(f"{URL}extensions/"))
    assert "Late credentials" in page and "Mexico" in page
    response = client.post(
        f"{URL}extensions/",
        {"new_date": "2000-01-15", "new_time": "18:00", "decided_by": "x", "reason": "Too early"},
    )
    assert response.status_code == 400
    assert "The new deadline must be later than the one in force" in text_of(response)


def test_security_log_is_for_superusers_only_in_the_admin(client, staff, django_user_model, period):
    SecurityEvent.objects.create(action="viewed", detail="registration page")
    client.force_login(staff)
    assert "registration page" in text_of(client.get("/admin/registration/securityevent/"))
    plain_staff = django_user_model.objects.create_user(
        email="clerk@isu.example", password="x-pass-12", is_staff=True
    )
    client.force_login(plain_staff)
    assert client.get("/admin/registration/securityevent/").status_code in (302, 403)


def test_figures_by_category_and_gender_balance(client, staff, mexico, chile, period):
    make_registration(period, mexico, state="approved", members=3)  # woman head, man, woman
    make_registration(period, chile, members=2)  # woman head, man
    make_registration(period, signatory("Indonesia", "IDN"), members=1)
    make_registration(period, not_party("Russian Federation", "RUS"), state="rejected", members=4)
    client.force_login(staff)
    page = text_of(client.get(URL))
    figures = page.split("Figures")[1]
    assert "States Parties 2 1 0 5 0" in figures  # delegations, approved, present; participants, present
    assert "Signatories 1 0 0 1 0" in figures
    assert "States not party 0 0 0 0 0" in figures  # the rejected registration is not counted
    assert "Gender of the participants, as stated women: 4 · men: 2" in figures
    assert "Gender of the heads of delegation, as stated women: 3 · men: 0" in figures
