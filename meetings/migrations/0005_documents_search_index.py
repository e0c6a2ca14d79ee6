"""A GIN index over the documents' stored search vector, on PostgreSQL only (SQLite has no
GIN indexes and searches with a plain match instead)."""

from django.db import migrations

INDEX = "meetings_document_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON meetings_document USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_documents_register")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
