"""The public list of documents in its order (newest first, undated last), so that a page of
it is read from an index rather than by sorting every published document. PostgreSQL only:
SQLite cannot index NULLS LAST (and holds small registers)."""

from django.db import migrations

INDEX = "meetings_document_published_order"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON meetings_document "
            "(date DESC NULLS LAST, published_at DESC NULLS LAST, symbol) WHERE status = 'published'"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_documents_search_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
