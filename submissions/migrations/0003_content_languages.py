"""Content in English, French and Spanish (django-modeltranslation): one column per language
for each translated field, and every existing text copied into its English column, so that a
database of the earlier schema migrates with nothing lost."""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {"draft": ["title", "description", "next_step"], "draftversion": ["label"]}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("submissions", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0002_compilation_generation"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="draft",
            name="description_es",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="draft",
            name="description_fr",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="draft",
            name="next_step_en",
            field=models.CharField(
                blank=True,
                help_text="What is expected next, as announced.",
                max_length=300,
                null=True,
                verbose_name="next step",
            ),
        ),
        migrations.AddField(
            model_name="draft",
            name="next_step_es",
            field=models.CharField(
                blank=True,
                help_text="What is expected next, as announced.",
                max_length=300,
                null=True,
                verbose_name="next step",
            ),
        ),
        migrations.AddField(
            model_name="draft",
            name="next_step_fr",
            field=models.CharField(
                blank=True,
                help_text="What is expected next, as announced.",
                max_length=300,
                null=True,
                verbose_name="next step",
            ),
        ),
        migrations.AddField(
            model_name="draft",
            name="title_en",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="draft",
            name="title_es",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="draft",
            name="title_fr",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="draftversion",
            name="label_en",
            field=models.CharField(
                help_text="Zero draft, revised draft...", max_length=120, null=True, verbose_name="label"
            ),
        ),
        migrations.AddField(
            model_name="draftversion",
            name="label_es",
            field=models.CharField(
                help_text="Zero draft, revised draft...", max_length=120, null=True, verbose_name="label"
            ),
        ),
        migrations.AddField(
            model_name="draftversion",
            name="label_fr",
            field=models.CharField(
                help_text="Zero draft, revised draft...", max_length=120, null=True, verbose_name="label"
            ),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
