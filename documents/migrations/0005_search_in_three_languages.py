"""Each document's stored search vector now holds its French and Spanish titles and summaries,
stemmed by PostgreSQL's ``french`` and ``spanish`` configurations, beside the English ones
(documents.services.search_vector). Rewrites the vectors of the documents already stored, with
the same expression written out here (a migration keeps its own copy). PostgreSQL only."""

from django.db import migrations

PARTS = [
    ("simple", "symbol", "A"),
    ("english", "title_en", "A"),
    ("french", "title_fr", "A"),
    ("spanish", "title_es", "A"),
    ("english", "summary_en", "B"),
    ("french", "summary_fr", "B"),
    ("spanish", "summary_es", "B"),
    ("english", "body", "C"),
]
THREE_LANGUAGES = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, COALESCE({column}, '')), '{weight}')"
    for config, column, weight in PARTS
)
ENGLISH_ONLY = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, COALESCE({column}, '')), '{weight}')"
    for config, column, weight in PARTS
    if config in ("simple", "english") and not column.endswith(("_fr", "_es"))
)


def rewrite(expression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # The expression is built from the constants above, never from input.
            schema_editor.execute(f"UPDATE meetings_document SET search_vector = {expression}")  # noqa: S608  # nosec B608

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_document_created")]

    operations = [migrations.RunPython(rewrite(THREE_LANGUAGES), rewrite(ENGLISH_ONLY), elidable=False)]
