from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ccm_portal.celery import app as celery_app
from ccm_portal.models import OutboxMessage
from documents import rendering, services
from documents.models import Citation, Document, Rendition
from documents.tasks import render_pdf_task
from meetings.models import Participation
from tests.conftest import make_state

from .conftest import committed, make_document, make_item, pdf_text

pytestmark = pytest.mark.django_db


def test_publish_renders_the_english_pdf_with_symbol_title_and_paragraph_numbers(meeting):
    item = make_item(meeting, "7", "Exchange of views on the machinery", 7)
    document = make_document(
        symbol="CCM/MSP/2026/WP.4",
        meeting=meeting,
        agenda_item=item,
        original_only=True,
        without_formal_editing=True,
        publish=True,
    )
    rendition = document.renditions.get(language="en")
    assert rendition.state == Rendition.State.READY and rendition.error == ""
    content = rendition.file.read()
    assert content.startswith(b"%PDF-")
    assert rendition.size == len(content) and rendition.page_count == 1 and len(rendition.checksum) == 64
    text = pdf_text(content)
    for expected in [
        "Convention on Cluster Munitions",
        "CCM/MSP/2026/WP.4",
        "Options for the Coordination Committee",
        "Distr.: General",
        "30 March 2026",
        "English only",
        "Fourteenth Meeting of States Parties",
        "Item 7 of the provisional agenda",
        "Exchange of views on the machinery",
        "issued without formal editing",
        "1. The Coordination Committee",
        "2. Its work follows",
        "3. States Parties may wish",
        "(a) first point",
        "CCM/CONF/2021/6, paragraph 84.",  # the footnote
    ]:
        assert expected in text, expected
    assert rendition.filename == "CCM_MSP_2026_WP.4_en.pdf"


def test_publishing_twice_changes_nothing(meeting):
    document = make_document(symbol="CCM/MSP/2026/WP.5", publish=True)
    first = document.renditions.get()
    again = services.publish(document, by=None)
    assert again.status == Document.Status.PUBLISHED
    assert again.renditions.get().checksum == first.checksum
    assert again.renditions.get().generation == first.generation


def test_render_task_run_twice_stores_one_result(settings):
    document = make_document(symbol="CCM/MSP/2026/WP.6", publish=True)
    rendition = document.renditions.get()
    name, generation = rendition.file.name, rendition.generation
    assert render_pdf_task.apply(args=[rendition.pk, generation]).get() == "skipped"
    rendition.refresh_from_db()
    assert rendition.file.name == name
    files = list((settings.MEDIA_ROOT / "documents" / str(document.pk) / "en").iterdir())
    assert [f.name for f in files] == [name.rsplit("/", 1)[1]]


def test_render_of_the_same_request_after_a_crash_stores_one_file(settings):
    document = make_document(symbol="CCM/MSP/2026/WP.7", publish=True)
    rendition = document.renditions.get()
    # Simulate a worker that died while rendering: the same request is delivered again while
    # the row says "rendering", claimed longer ago than a render may last.
    Rendition.objects.filter(pk=rendition.pk).update(
        state=Rendition.State.RENDERING,
        claimed_at=timezone.now() - rendering.render_lease() - timedelta(seconds=1),
    )
    assert render_pdf_task.apply(args=[rendition.pk, rendition.generation]).get() == "ready"
    files = list((settings.MEDIA_ROOT / "documents" / str(document.pk) / "en").iterdir())
    assert len(files) == 1


def test_render_task_tolerates_a_version_that_has_gone():
    document = make_document(symbol="CCM/MSP/2026/WP.8")
    rendition = Rendition.objects.create(document=document, language="en")
    rendition_id = rendition.pk
    rendition.delete()
    assert render_pdf_task.apply(args=[rendition_id, 0]).get() == "skipped"


def test_a_stale_render_request_is_skipped():
    document = make_document(symbol="CCM/MSP/2026/WP.9", publish=True)
    rendition = document.renditions.get()
    assert render_pdf_task.apply(args=[rendition.pk, rendition.generation - 1]).get() == "skipped"


def test_render_failure_is_recorded_with_the_error():
    document = make_document(symbol="CCM/MSP/2026/WP.10")
    # A French version with no French text cannot be rendered.
    rendition = Rendition.objects.create(document=document, language="fr")
    with committed():
        services.request_render(rendition)
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.FAILED
    assert "no text in this language" in rendition.error
    # Settled: the outbox does not hand the request over again.
    message = OutboxMessage.objects.get(key=rendering.render_key(rendition.pk, rendition.generation))
    assert message.state == OutboxMessage.State.DONE


def test_rerender_replaces_the_file_and_removes_the_old_one(settings):
    document = make_document(symbol="CCM/MSP/2026/WP.11", publish=True)
    old = document.renditions.get().file.name
    document.title = "A better title"
    with committed():
        services.save_document(document, by=None)  # a published document's versions are re-rendered
    rendition = document.renditions.get()
    assert rendition.state == Rendition.State.READY and rendition.file.name != old
    assert "A better title" in pdf_text(rendition.file.read())
    assert not (settings.MEDIA_ROOT / old).exists()


def test_citations_follow_the_text_and_show_who_cites_a_document_registered_later():
    citing = make_document(symbol="CCM/MSP/2026/WP.12", publish=True)
    assert list(Citation.objects.filter(document=citing).values_list("symbol", flat=True)) == [
        "CCM/CONF/2021/6"
    ]
    cited = make_document(symbol="CCM/CONF/2021/6", title="Final report", body="", publish=True)
    assert list(Document.objects.published().filter(citations__symbol=cited.symbol)) == [citing]
    citing.body = "No citation any more."
    services.save_document(citing, by=None)
    assert not Citation.objects.filter(document=citing).exists()


def test_a_revision_symbol_relates_to_the_document_it_revises():
    original = make_document(symbol="CCM/MSP/2026/WP.13", publish=True)
    revision = make_document(symbol="CCM/MSP/2026/WP.13/Rev.1", publish=True)
    assert revision.related_to == original and revision.relation == Document.Relation.REVISION
    assert list(original.superseding()) == [revision]


def test_search_finds_a_word_of_the_body_on_this_database():
    make_document(symbol="CCM/MSP/2026/WP.14", publish=True)
    make_document(symbol="CCM/MSP/2026/WP.15", body="Nothing to see here.", title="Other", publish=True)
    found = Document.objects.published().search("quokka", vendor=connection.vendor)
    assert [d.symbol for d in found] == ["CCM/MSP/2026/WP.14"]
    by_title = Document.objects.published().search("coordination committee", vendor=connection.vendor)
    assert "CCM/MSP/2026/WP.14" in [d.symbol for d in by_title]


def test_provisional_agenda_is_generated_from_the_agenda_items(meeting):
    make_item(meeting, "1", "Opening of the meeting", 1)
    two = make_item(meeting, "2", "Organisation of work", 2)
    make_item(meeting, "2 (a)", "Adoption of the agenda", 3, parent=two)
    make_item(meeting, "3", "Universalization", 4)
    with committed():
        document = services.generate_provisional_agenda(meeting, by=None, on=date(2026, 6, 1))
    assert document.generated == Document.Generated.PROVISIONAL_AGENDA and document.meeting == meeting
    rendition = document.renditions.get(language="en")
    assert rendition.state == Rendition.State.READY
    text = pdf_text(rendition.file.read())
    for expected in [
        "Provisional agenda",
        "1. Opening of the meeting",
        "2. Organisation of work",
        "(a) Adoption of the agenda",
        "3. Universalization",
        "1 June 2026",
    ]:
        assert expected in text, expected
    # Generating again rewrites the same document.
    make_item(meeting, "4", "Closing", 5)
    with committed():
        again = services.generate_provisional_agenda(meeting, by=None, on=date(2026, 6, 2))
    assert again.pk == document.pk and "4. Closing" in again.body


def test_list_of_participants_groups_delegations_by_status_on_the_meeting_day(meeting):
    party = make_state(name="Austria", iso3="AUT", signed=True, deposited=True, deposit_date=date(2009, 4, 2))
    outsider = make_state(name="Finland", iso3="FIN", signed=False, deposited=False)
    Participation.objects.create(
        meeting=meeting, delegation=party, head_of_delegation="Ms. A. Example", members="Mr. B. Example"
    )
    Participation.objects.create(meeting=meeting, delegation=outsider)
    with committed():
        document = services.generate_list_of_participants(meeting, by=None, on=date(2026, 8, 1))
    text = pdf_text(document.renditions.get().file.read())
    assert "List of participants" in text
    assert (
        text.index("States Parties")
        < text.index("Austria")
        < text.index("States not party")
        < text.index("Finland")
    )
    assert "Ms. A. Example (head of delegation)" in text and "Mr. B. Example" in text


def _media_files(settings, document) -> list:
    folder = settings.MEDIA_ROOT / "documents" / str(document.pk) / "en"
    return sorted(f.name for f in folder.iterdir()) if folder.exists() else []


def test_a_render_request_is_written_to_the_outbox_in_the_callers_transaction():
    document = make_document(symbol="CCM/MSP/2026/WP.12", publish=True)
    rendition = document.renditions.get()
    rendition = services.request_render(rendition)  # no commit: nothing is handed over yet
    message = OutboxMessage.objects.get(key=f"documents.render:{rendition.pk}:{rendition.generation}")
    assert message.task_name == "documents.render_pdf" and message.args == [
        rendition.pk,
        rendition.generation,
    ]
    assert message.state == OutboxMessage.State.PENDING
    assert rendition.state == Rendition.State.QUEUED


def test_a_task_delivered_twice_renders_one_file(settings):
    document = make_document(symbol="CCM/MSP/2026/WP.13", publish=True)
    rendition = services.request_render(document.renditions.get())
    args = [rendition.pk, rendition.generation]
    # Two deliveries of the same message, one after the other: the second finds it done.
    assert render_pdf_task.apply(args=args).get() == "ready"
    assert render_pdf_task.apply(args=args).get() == "skipped"
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.READY
    assert _media_files(settings, document) == [rendition.file.name.rsplit("/", 1)[1]]
    message = OutboxMessage.objects.get(key=rendering.render_key(*args))
    assert message.state == OutboxMessage.State.DONE


def test_a_task_delivered_while_another_run_holds_the_claim_does_not_render(settings):
    document = make_document(symbol="CCM/MSP/2026/WP.14")
    rendition = Rendition.objects.create(document=document, language="en")
    rendition = services.request_render(rendition)
    files_before = _media_files(settings, document)
    started = timezone.now()
    # A first worker claims the request and is rendering it ...
    Rendition.objects.filter(pk=rendition.pk).update(state=Rendition.State.RENDERING, claimed_at=started)
    # ... when the same request is delivered again: nothing is rendered, the claim stands.
    outcome = rendering.render_rendition(
        rendition_id=rendition.pk, generation=rendition.generation, now=started
    )
    assert outcome == "busy"
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.RENDERING and _media_files(settings, document) == files_before
    message = OutboxMessage.objects.get(key=rendering.render_key(rendition.pk, rendition.generation))
    assert message.state == OutboxMessage.State.PENDING  # the sweep will hand it over again
    # Once the claim is older than a render may last, its worker has died: the request is taken over.
    later = started + rendering.render_lease() + timedelta(seconds=1)
    assert (
        rendering.render_rendition(rendition_id=rendition.pk, generation=rendition.generation, now=later)
        == "ready"
    )
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.READY and len(_media_files(settings, document)) == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE


def test_a_transient_error_is_retried_then_recorded_on_the_version(settings, tmp_path, caplog, monkeypatch):
    document = make_document(symbol="CCM/MSP/2026/WP.15")
    rendition = services.request_render(Rendition.objects.create(document=document, language="en"))
    # The file storage is unavailable: its folder is a plain file (every save is an OSError).
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    caplog.set_level("WARNING", logger="documents.tasks")
    # In-process, Celery runs each retry at once (no wait), as a worker would after the backoff.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    assert render_pdf_task.apply(args=[rendition.pk, rendition.generation]).get() == "failed"
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 3 and all("Not a directory" in m for m in retries)  # then the last try records it
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.FAILED and "Error" in rendition.error
    message = OutboxMessage.objects.get(key=rendering.render_key(rendition.pk, rendition.generation))
    assert message.state == OutboxMessage.State.DONE
    # The storage is back: a new request renders the version.
    settings.MEDIA_ROOT = tmp_path / "media-back"
    rendition = services.request_render(rendition)
    assert render_pdf_task.apply(args=[rendition.pk, rendition.generation]).get() == "ready"
