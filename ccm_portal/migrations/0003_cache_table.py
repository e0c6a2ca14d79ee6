"""The database cache table (settings.CACHES without REDIS_URL): made by `migrate`, so every
deployment has it whether or not it uses it (switching from Redis to the database cache needs
no other step)."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "ccm_portal_cache"  # settings.CACHE_TABLE


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("ccm_portal", "0002_outbox_failed"),
    ]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
