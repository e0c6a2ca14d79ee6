"""Content in English, French and Spanish (django-modeltranslation): one column per language
for each translated field, and every existing text copied into its English column, so that a
database of the earlier schema migrates with nothing lost."""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {"document": ["title", "summary", "submitted_by_note", "editorial_note"]}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("documents", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_rendition_claimed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="editorial_note_en",
            field=models.CharField(
                blank=True, max_length=300, null=True, verbose_name="other editorial note"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="editorial_note_es",
            field=models.CharField(
                blank=True, max_length=300, null=True, verbose_name="other editorial note"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="editorial_note_fr",
            field=models.CharField(
                blank=True, max_length=300, null=True, verbose_name="other editorial note"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="submitted_by_note_en",
            field=models.CharField(
                blank=True,
                help_text="As the document puts it, e.g. “the Coordinators on Universalization”.",
                max_length=300,
                null=True,
                verbose_name="submitted by (as written)",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="submitted_by_note_es",
            field=models.CharField(
                blank=True,
                help_text="As the document puts it, e.g. “the Coordinators on Universalization”.",
                max_length=300,
                null=True,
                verbose_name="submitted by (as written)",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="submitted_by_note_fr",
            field=models.CharField(
                blank=True,
                help_text="As the document puts it, e.g. “the Coordinators on Universalization”.",
                max_length=300,
                null=True,
                verbose_name="submitted by (as written)",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="summary_en",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="summary_es",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="summary_fr",
            field=models.TextField(
                blank=True,
                help_text="What the document is about, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="title_en",
            field=models.CharField(max_length=400, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="document",
            name="title_es",
            field=models.CharField(max_length=400, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="document",
            name="title_fr",
            field=models.CharField(max_length=400, null=True, verbose_name="title"),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
