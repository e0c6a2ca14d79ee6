"""The latest published documents (home page, Atom feed: newest publication first), read
from an index rather than by sorting every published document. PostgreSQL only, like 0006."""

from django.db import migrations

INDEX = "meetings_document_latest_published"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON meetings_document "
            "(published_at DESC, date DESC, id DESC) WHERE status = 'published'"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_document_published_order_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
