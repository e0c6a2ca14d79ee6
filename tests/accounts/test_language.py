"""The language a person is written to in: set at sign-in from the pages' language, chosen in
the account's settings, and used for the invitation, the focal-point notices and the receipt
with its PDF (issue 13: "a receipt e-mail and PDF for a focal point whose language is Spanish
are in Spanish")."""

import pytest
from django.core import mail

from accounts.models import User
from accounts.services import invite_user
from tests.submissions.conftest import make_draft, make_focal_point, pdf_text, state_party, submitted


@pytest.fixture
def person(db) -> User:
    return User.objects.create_user(email="person@example.org", password="person-pass-1")


def sign_in(client, prefix: str) -> None:
    response = client.post(
        f"{prefix}/accounts/login/", {"login": "person@example.org", "password": "person-pass-1"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(("prefix", "language"), [("/es", "es"), ("/fr", "fr"), ("", "en")])
def test_signing_in_sets_the_language_of_the_pages(client, person, prefix, language):
    User.objects.filter(pk=person.pk).update(language="fr" if language != "fr" else "es")
    sign_in(client, prefix)
    person.refresh_from_db()
    assert person.language == language


def test_the_settings_page_changes_the_language_and_says_so(client, person):
    client.force_login(person)
    page = client.get("/fr/accounts/settings/").content.decode()
    assert "Paramètres" in page and "Español" in page and "person@example.org" in page

    response = client.post("/fr/accounts/settings/", {"language": "es"}, follow=True)
    person.refresh_from_db()
    assert person.language == "es"
    assert "vous seront désormais envoyés dans la langue choisie : español" in response.content.decode()


def test_a_language_not_offered_is_refused_with_a_message(client, person):
    client.force_login(person)
    response = client.post("/accounts/settings/", {"language": "de"})
    person.refresh_from_db()
    assert person.language == "en"
    assert "Select a valid choice" in response.content.decode()


def test_the_settings_page_needs_a_signed_in_person(client, db):
    response = client.get("/es/accounts/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_invitation_is_written_in_the_language_of_the_account(db, django_capture_on_commit_callbacks):
    User.objects.create_user(email="nouveau@example.org", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(email="nouveau@example.org", base_url="https://portal.example")
    [message] = mail.outbox
    assert "Votre compte sur" in message.subject
    assert "https://portal.example/fr/accounts/password/reset/key/" in message.body
    assert "Ce lien ne peut être utilisé qu'une seule fois" in message.body


def test_a_spanish_focal_point_gets_the_receipt_and_its_pdf_in_spanish(
    db, django_capture_on_commit_callbacks
):
    mexico = state_party("Mexico", "MEX")
    spanish = make_focal_point("punto.focal@example.org", mexico)
    make_focal_point("focal.point@example.org", mexico)
    User.objects.filter(pk=spanish.pk).update(language="es")
    spanish.refresh_from_db()
    version = make_draft()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted(version, spanish, mexico)
    number = submission.revisions.get().receipt_number

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("punto.focal@example.org",), ("focal.point@example.org",)}
    spanish_mail = by_recipient[("punto.focal@example.org",)]
    assert "Contribución recibida – acuse de recibo" in spanish_mail.subject
    assert "ha recibido la contribución escrita de" in spanish_mail.body
    assert number in spanish_mail.body
    assert "/es/submissions/" in spanish_mail.body
    [(_name, content, _type)] = spanish_mail.attachments
    text = pdf_text(content)
    assert "Acuse de recibo de una contribución escrita" in text and number in text
    assert "Receipt of a written submission" not in text

    english_mail = by_recipient[("focal.point@example.org",)]
    assert "has received the written submission of" in english_mail.body
    assert "Receipt of a written submission" in pdf_text(english_mail.attachments[0][1])
