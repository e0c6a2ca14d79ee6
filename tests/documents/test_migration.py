"""A database migrated as at 0e6313a (documents still part of the meetings app) migrates forward
with nothing lost: documents, language versions, citations, the many-to-many rows, the history,
the search vector (PostgreSQL), the content types with their permissions and admin log
entries, and the ISU staff group's permissions on documents. Runs on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from accounts.reference_data import ISU_STAFF_GROUP
from documents.models import Citation, Document, Rendition

pytestmark = pytest.mark.django_db(transaction=True)

# Every app's last migration at 0e6313a, and the documents app, which did not exist.
AT_0E6313A = [
    ("accounts", "0001_initial"),
    ("ccm_portal", "0001_outbox"),
    ("meetings", "0008_document_search_vector_inline"),
    ("consultations", "0001_topics_interventions_positions"),
    ("machinery", "0001_machinery_records"),
    ("submissions", "0001_drafts_versions_windows_submissions"),
    ("documents", None),
]
MOVED = ["document", "rendition", "citation", "historicaldocument", "historicalrendition"]
WHEN = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def _migrate(targets):
    """Migrate to ``targets``; returns the models of every migration then applied."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    loader = MigrationLoader(connection)
    return loader.project_state(list(loader.applied_migrations)).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _world_at_0e6313a(old) -> dict:
    """The rows a portal at 0e6313a held, written with that version's models."""
    region = old.get_model("meetings", "RegionalGroup").objects.create(
        name="Americas", slug="americas", order=1
    )
    mexico = old.get_model("meetings", "Delegation").objects.create(
        kind="state", name="Mexico", slug="mexico", iso3="MEX", region=region
    )
    meeting = old.get_model("meetings", "Meeting").objects.create(
        kind="msp", title="Fourteenth Meeting of States Parties", code="14MSP", slug="14msp",
        start_date=date(2026, 9, 1), end_date=date(2026, 9, 3), city="Geneva",
    )  # fmt: skip
    item = old.get_model("meetings", "AgendaItem").objects.create(
        meeting=meeting, number="7", title="Machinery"
    )
    OldDocument = old.get_model("meetings", "Document")
    original = OldDocument.objects.create(
        symbol="CCM/CONF/2021/6", slug="ccm-conf-2021-6", title="Final report", status="published",
        published_at=WHEN, date=date(2021, 9, 21),
    )  # fmt: skip
    paper = OldDocument.objects.create(
        symbol="CCM/MSP/2026/WP.1/Rev.1", slug="ccm-msp-2026-wp-1-rev-1", title="The quokka paper",
        kind="working_paper", meeting=meeting, agenda_item=item, status="published", published_at=WHEN,
        date=date(2026, 3, 30), relation="revision", related_to=original,
        body="1. As decided in CCM/CONF/2021/6, paragraph 84.",
    )  # fmt: skip
    paper.submitting_delegations.add(mexico)
    rendition = old.get_model("meetings", "Rendition").objects.create(
        document=paper, language="en", state="ready", generation=3, file="documents/2/en/wp1.pdf",
        size=1234, page_count=2, checksum="a" * 64, ready_at=WHEN,
    )  # fmt: skip
    old.get_model("meetings", "Rendition").objects.create(
        document=paper, language="fr", state="failed", generation=1, error="ValueError: no French text"
    )
    old.get_model("meetings", "Citation").objects.create(document=paper, symbol="CCM/CONF/2021/6", position=0)
    old.get_model("meetings", "HistoricalDocument").objects.create(
        id=paper.pk, symbol=paper.symbol, slug=paper.slug, title="The quokka paper (draft)", status="draft",
        history_date=WHEN, history_type="+",
    )  # fmt: skip
    old.get_model("meetings", "HistoricalRendition").objects.create(
        id=rendition.pk, document_id=paper.pk, language="en", state="queued", generation=1,
        history_date=WHEN, history_type="+",
    )  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE meetings_document SET search_vector = to_tsvector('english', title) WHERE id = %s",
                [paper.pk],
            )
    # The content types and permissions as the old app registered them, the ISU staff group
    # as load_ccm_data made it (every permission of the Convention's apps), a log entry.
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldPermission = old.get_model("auth", "Permission")
    for model in MOVED:
        content_type, _ = OldContentType.objects.get_or_create(app_label="meetings", model=model)
        for action in ("add", "change", "delete", "view"):
            OldPermission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
    group = old.get_model("auth", "Group").objects.create(name=ISU_STAFF_GROUP)
    group.permissions.set(
        OldPermission.objects.filter(
            content_type__app_label__in=["meetings", "consultations", "machinery", "submissions"]
        )
    )
    document_type = OldContentType.objects.get(app_label="meetings", model="document")
    user = old.get_model("accounts", "User").objects.create(email="isu@example.org", is_staff=True)
    old.get_model("admin", "LogEntry").objects.create(
        user=user, content_type=document_type, object_id=str(paper.pk), object_repr="WP.1/Rev.1",
        action_flag=2, action_time=WHEN, change_message="[]",
    )  # fmt: skip
    return {
        "paper": paper.pk,
        "original": original.pk,
        "rendition": rendition.pk,
        "mexico": mexico.pk,
        "document_type": document_type.pk,
        "permissions": set(
            OldPermission.objects.filter(
                content_type__app_label="meetings", content_type__model__in=MOVED
            ).values_list("pk", flat=True)
        ),
    }


def test_a_database_of_0e6313a_migrates_with_every_document_row_under_the_documents_app():
    latest = _latest()
    try:
        old = _migrate(AT_0E6313A)
        assert "documents" not in {m._meta.app_label for m in old.get_models()}
        before = _world_at_0e6313a(old)
        _migrate(latest)
    finally:
        _migrate(latest)  # leave the database as the other tests expect it, whatever happened

    paper = Document.objects.get(pk=before["paper"])
    assert paper.symbol == "CCM/MSP/2026/WP.1/Rev.1" and paper.meeting.code == "14MSP"
    assert paper.agenda_item.number == "7" and paper.related_to_id == before["original"]
    assert [d.pk for d in paper.submitting_delegations.all()] == [before["mexico"]]
    assert {(r.language, r.state, r.generation) for r in paper.renditions.all()} == {
        ("en", "ready", 3),
        ("fr", "failed", 1),
    }
    english = Rendition.objects.get(pk=before["rendition"])
    assert english.checksum == "a" * 64 and english.file.name == "documents/2/en/wp1.pdf"
    assert paper.renditions.get(language="fr").error == "ValueError: no French text"
    assert list(Citation.objects.filter(document=paper).values_list("symbol", flat=True)) == [
        "CCM/CONF/2021/6"
    ]
    assert paper.cited_symbols() == ["CCM/CONF/2021/6"]
    assert [h.title for h in paper.history.all()] == ["The quokka paper (draft)"]
    assert [h.generation for h in english.history.all()] == [1]
    assert Document.objects.published().count() == 2

    # The content types moved (the same rows), so permissions and log entries followed.
    document_type = ContentType.objects.get_for_model(Document)
    assert (document_type.pk, document_type.app_label) == (before["document_type"], "documents")
    assert not ContentType.objects.filter(app_label="meetings", model__in=MOVED).exists()
    assert (
        set(Permission.objects.filter(content_type__app_label="documents").values_list("pk", flat=True))
        == before["permissions"]
    )
    granted = set(
        Group.objects.get(name=ISU_STAFF_GROUP).permissions.values_list("content_type__app_label", "codename")
    )
    for codename in (
        "add_document",
        "change_document",
        "delete_document",
        "view_document",
        "change_rendition",
    ):
        assert ("documents", codename) in granted
    entry = LogEntry.objects.get(object_id=str(before["paper"]))
    assert entry.get_edited_object() == paper
    assert entry.get_admin_url() == f"/admin/documents/document/{paper.pk}/change/"

    if connection.vendor == "postgresql":
        found = Document.objects.published().search("quokka", vendor="postgresql")
        assert [d.pk for d in found] == [before["paper"]]
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'meetings_document'")
            indexes = {row[0] for row in cursor.fetchall()}
        assert {
            "meetings_document_search_vector_gin",
            "meetings_document_published_order",
            "meetings_document_latest_published",
        } <= indexes
