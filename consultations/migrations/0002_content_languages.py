"""Content in English, French and Spanish (django-modeltranslation): one column per language
for each translated field, and every existing text copied into its English column, so that a
database of the earlier schema migrates with nothing lost."""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {"topic": ["name", "description"], "intervention": ["summary"], "position": ["statement"]}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("consultations", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_topics_interventions_positions"),
    ]

    operations = [
        migrations.AddField(
            model_name="intervention",
            name="summary_en",
            field=models.TextField(
                help_text="What was said, in the portal's own words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="summary_es",
            field=models.TextField(
                help_text="What was said, in the portal's own words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="summary_fr",
            field=models.TextField(
                help_text="What was said, in the portal's own words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="statement_en",
            field=models.TextField(
                blank=True,
                help_text="The part of the intervention on this topic, in the portal's words.",
                null=True,
                verbose_name="on this topic",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="statement_es",
            field=models.TextField(
                blank=True,
                help_text="The part of the intervention on this topic, in the portal's words.",
                null=True,
                verbose_name="on this topic",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="statement_fr",
            field=models.TextField(
                blank=True,
                help_text="The part of the intervention on this topic, in the portal's words.",
                null=True,
                verbose_name="on this topic",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="topic",
            name="description_es",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="topic",
            name="description_fr",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_en",
            field=models.CharField(max_length=150, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_es",
            field=models.CharField(max_length=150, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_fr",
            field=models.CharField(max_length=150, null=True, unique=True, verbose_name="name"),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
