"""The list of participants: generated from the approved registrations, issued as an INF
document of the meeting through the documents' pipeline (rendered to PDF by the outbox's task),
grouped as the UN groups them, the head of delegation first; only consenting members named;
issued again as Rev.1 of the same document."""

import pytest

from documents.models import Document
from registration.models import DelegationRegistration, Participant
from tests.documents.conftest import committed, pdf_text

from .conftest import make_meeting, make_registration, open_registration, organisation, signatory, text_of

pytestmark = pytest.mark.django_db

URL = "/meetings/demo-msp/registration/isu/participants/"


@pytest.fixture
def approved(period, mexico, chile):
    """Mexico approved (a consenting head, a member who did not consent), Chile pending, and
    approved registrations in every other group."""
    mexico_registration = make_registration(period, mexico, state=DelegationRegistration.State.APPROVED)
    mexico_registration.participants.update(name="Alejandra Ruiz", title="H.E. Ms", consent_to_publish=True)
    Participant.objects.create(
        registration=mexico_registration, name="Hidden Person", role=Participant.Role.ADVISER
    )
    Participant.objects.create(
        registration=mexico_registration,
        name="Bruno Alvarez",
        role=Participant.Role.ALTERNATE,
        consent_to_publish=True,
    )
    make_registration(period, chile)  # pending: not in the list
    for delegation in [
        signatory("Indonesia", "IDN"),
        organisation("United Nations Development Programme", "un"),
        organisation("European Union", "international"),
        organisation("International Committee of the Red Cross", "icrc"),
        organisation("Cluster Munition Coalition", "cmc"),
        organisation("Geneva Call", "other"),
    ]:
        make_registration(period, delegation, state=DelegationRegistration.State.APPROVED)
    return mexico_registration


def _issue(client, *languages):
    with committed():
        response = client.post(URL, {"languages": list(languages)})
    return response


def test_the_list_is_an_inf_document_grouped_as_the_un_groups_them(client, staff, approved):
    client.force_login(staff)
    response = _issue(client, "en", "fr")
    document = Document.objects.get(generated=Document.Generated.PARTICIPANTS)
    assert response.status_code == 302
    assert document.symbol == "CCM/MSP/2099/INF.1" and document.is_public
    assert document.kind == Document.Kind.INFORMATION
    english = pdf_text(document.renditions.get(language="en").file.read())
    assert "List of participants" in english and "CCM/MSP/2099/INF.1" in english
    order = [
        "States Parties",
        "Mexico",
        "Head of delegation: H.E. Ms Alejandra Ruiz",
        "Alternate: Bruno Alvarez",
        "and 1 other member",
        "Signatories",
        "Indonesia",
        "United Nations",
        "United Nations Development Programme",
        "Other international organisations",
        "European Union",
        "International Committee of the Red Cross",
        "Cluster Munition Coalition",
        "Other organisations",
        "Geneva Call",
    ]
    positions = [english.index(text) for text in order]
    assert positions == sorted(positions), english
    assert "Hidden Person" not in english  # did not consent: counted, not named
    assert "Chile" not in english  # pending
    french = pdf_text(document.renditions.get(language="fr").file.read())
    assert "Liste des participants" in french and "États parties" in french and "Alejandra Ruiz" in french
    # The ISU's page links the issued document and its versions.
    page = text_of(client.get(URL))
    assert "CCM/MSP/2099/INF.1" in page and "French (PDF)" in page


def test_issued_again_it_is_rev_1_of_the_same_document(client, staff, approved):
    client.force_login(staff)
    _issue(client, "en")
    first = Document.objects.get(generated=Document.Generated.PARTICIPANTS)
    approved.participants.filter(name="Hidden Person").update(consent_to_publish=True)
    _issue(client, "en")
    revision = Document.objects.get(generated=Document.Generated.PARTICIPANTS)
    assert revision.symbol == "CCM/MSP/2099/INF.1/Rev.1"
    assert (revision.relation, revision.related_to) == (Document.Relation.REVISION, first)
    first.refresh_from_db()
    assert (
        first.is_public and first.symbol == "CCM/MSP/2099/INF.1" and list(first.superseding()) == [revision]
    )
    assert "Hidden Person" in pdf_text(revision.renditions.get().file.read())
    assert "Hidden Person" not in pdf_text(first.renditions.get().file.read())
    _issue(client, "en")
    assert (
        Document.objects.get(generated=Document.Generated.PARTICIPANTS).symbol == "CCM/MSP/2099/INF.1/Rev.2"
    )


def test_a_meeting_without_symbols_issues_its_list_under_an_address(client, staff, mexico):
    meeting = make_meeting(slug="workshop", kind="other", title="A workshop")
    period = open_registration(meeting)
    make_registration(period, mexico, state=DelegationRegistration.State.APPROVED)
    client.force_login(staff)
    with committed():
        client.post("/meetings/workshop/registration/isu/participants/", {"languages": ["es"]})
    document = Document.objects.get(generated=Document.Generated.PARTICIPANTS)
    assert document.symbol is None and document.slug == "workshop-participants"
    assert document.original_language == "es" and document.original_only
    text = pdf_text(document.renditions.get(language="es").file.read())
    assert "Lista de participantes" in text and "Estados Partes" in text and "Mexico" in text


def test_no_language_chosen_is_refused_with_a_message(client, staff, approved):
    client.force_login(staff)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "This field is required." in text_of(response)
    assert not Document.objects.exists()
