"""Content in English, French and Spanish (django-modeltranslation): one column per language
for each translated field, and every existing text copied into its English column, so that a
database of the earlier schema migrates with nothing lost."""

import meetings.models.meetings
from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    "regionalgroup": ["name"],
    "delegation": ["name"],
    "meeting": [
        "title",
        "summary",
        "dates_note",
        "parts",
        "convened_as",
        "overflow_area",
        "field_visit",
        "logistics_note",
        "notes",
    ],
    "agendaitem": ["title", "outcome"],
}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("meetings", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0009_documents_moved_to_their_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="outcome_en",
            field=models.TextField(
                blank=True,
                help_text="A short note on what came of the item.",
                null=True,
                verbose_name="outcome",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="outcome_es",
            field=models.TextField(
                blank=True,
                help_text="A short note on what came of the item.",
                null=True,
                verbose_name="outcome",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="outcome_fr",
            field=models.TextField(
                blank=True,
                help_text="A short note on what came of the item.",
                null=True,
                verbose_name="outcome",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_en",
            field=models.CharField(max_length=500, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_es",
            field=models.CharField(max_length=500, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_fr",
            field=models.CharField(max_length=500, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="delegation",
            name="name_en",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="delegation",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="delegation",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="convened_as_en",
            field=models.CharField(
                blank=True,
                help_text="In what capacity, e.g. “the Presidency of Lao PDR”.",
                max_length=200,
                null=True,
                verbose_name="convened as",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="convened_as_es",
            field=models.CharField(
                blank=True,
                help_text="In what capacity, e.g. “the Presidency of Lao PDR”.",
                max_length=200,
                null=True,
                verbose_name="convened as",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="convened_as_fr",
            field=models.CharField(
                blank=True,
                help_text="In what capacity, e.g. “the Presidency of Lao PDR”.",
                max_length=200,
                null=True,
                verbose_name="convened as",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="dates_note_en",
            field=models.CharField(
                blank=True,
                help_text="Where the days are not a simple range, e.g. “22 and 24 June 2026”.",
                max_length=200,
                null=True,
                verbose_name="dates note",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="dates_note_es",
            field=models.CharField(
                blank=True,
                help_text="Where the days are not a simple range, e.g. “22 and 24 June 2026”.",
                max_length=200,
                null=True,
                verbose_name="dates note",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="dates_note_fr",
            field=models.CharField(
                blank=True,
                help_text="Where the days are not a simple range, e.g. “22 and 24 June 2026”.",
                max_length=200,
                null=True,
                verbose_name="dates note",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="field_visit_en",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="field visit"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="field_visit_es",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="field visit"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="field_visit_fr",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="field visit"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="logistics_note_en",
            field=models.TextField(blank=True, null=True, verbose_name="logistics note"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="logistics_note_es",
            field=models.TextField(blank=True, null=True, verbose_name="logistics note"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="logistics_note_fr",
            field=models.TextField(blank=True, null=True, verbose_name="logistics note"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="notes_en",
            field=models.TextField(
                blank=True,
                help_text="Conflicting sources and other remarks.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="notes_es",
            field=models.TextField(
                blank=True,
                help_text="Conflicting sources and other remarks.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="notes_fr",
            field=models.TextField(
                blank=True,
                help_text="Conflicting sources and other remarks.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="overflow_area_en",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="overflow area"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="overflow_area_es",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="overflow area"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="overflow_area_fr",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="overflow area"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="parts_en",
            field=models.CharField(
                blank=True,
                help_text="Only where the meeting is not held on every day from the first to the last: its days or ranges of days, e.g. “2026-06-22, 2026-06-24” or “2020-11-25/2020-11-27, 2021-09-20/2021-09-21”.",
                max_length=300,
                null=True,
                validators=[meetings.models.meetings.validate_parts],
                verbose_name="days held",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="parts_es",
            field=models.CharField(
                blank=True,
                help_text="Only where the meeting is not held on every day from the first to the last: its days or ranges of days, e.g. “2026-06-22, 2026-06-24” or “2020-11-25/2020-11-27, 2021-09-20/2021-09-21”.",
                max_length=300,
                null=True,
                validators=[meetings.models.meetings.validate_parts],
                verbose_name="days held",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="parts_fr",
            field=models.CharField(
                blank=True,
                help_text="Only where the meeting is not held on every day from the first to the last: its days or ranges of days, e.g. “2026-06-22, 2026-06-24” or “2020-11-25/2020-11-27, 2021-09-20/2021-09-21”.",
                max_length=300,
                null=True,
                validators=[meetings.models.meetings.validate_parts],
                verbose_name="days held",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="summary_en",
            field=models.TextField(
                blank=True,
                help_text="What happened, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="summary_es",
            field=models.TextField(
                blank=True,
                help_text="What happened, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="summary_fr",
            field=models.TextField(
                blank=True,
                help_text="What happened, in the portal's words.",
                null=True,
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="title_en",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="title_es",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="title_fr",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="regionalgroup",
            name="name_en",
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="regionalgroup",
            name="name_es",
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="regionalgroup",
            name="name_fr",
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
