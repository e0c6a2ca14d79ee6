"""Content in English, French and Spanish (django-modeltranslation): one column per language
for each translated field, and every existing text copied into its English column, so that a
database of the earlier schema migrates with nothing lost."""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    "mandate": ["title", "summary", "notes"],
    "workinggroup": ["name", "short_name", "thematic_area", "establishment_note"],
    "presidencybody": ["name", "purpose", "composition"],
    "analysisgroup": ["name", "support_roles", "consults"],
    "coordinatormandate": ["acceptance", "notes"],
    "presidency": ["notes"],
    "successionreport": ["as_of_label", "statement"],
    "reportedfigure": ["label"],
}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("machinery", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("machinery", "0001_machinery_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="analysisgroup",
            name="consults_en",
            field=models.TextField(
                blank=True, help_text="Whose expertise the group seeks.", null=True, verbose_name="consults"
            ),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="consults_es",
            field=models.TextField(
                blank=True, help_text="Whose expertise the group seeks.", null=True, verbose_name="consults"
            ),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="consults_fr",
            field=models.TextField(
                blank=True, help_text="Whose expertise the group seeks.", null=True, verbose_name="consults"
            ),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="name_en",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="support_roles_en",
            field=models.TextField(blank=True, null=True, verbose_name="support roles"),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="support_roles_es",
            field=models.TextField(blank=True, null=True, verbose_name="support roles"),
        ),
        migrations.AddField(
            model_name="analysisgroup",
            name="support_roles_fr",
            field=models.TextField(blank=True, null=True, verbose_name="support roles"),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="acceptance_en",
            field=models.CharField(
                blank=True,
                help_text="e.g. “By note verbale, February 2026, at the invitation of the Presidency”.",
                max_length=300,
                null=True,
                verbose_name="how the role was accepted",
            ),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="acceptance_es",
            field=models.CharField(
                blank=True,
                help_text="e.g. “By note verbale, February 2026, at the invitation of the Presidency”.",
                max_length=300,
                null=True,
                verbose_name="how the role was accepted",
            ),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="acceptance_fr",
            field=models.CharField(
                blank=True,
                help_text="e.g. “By note verbale, February 2026, at the invitation of the Presidency”.",
                max_length=300,
                null=True,
                verbose_name="how the role was accepted",
            ),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="notes_en",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="notes_es",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="coordinatormandate",
            name="notes_fr",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="notes_en",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="notes_es",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="notes_fr",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="summary_en",
            field=models.TextField(
                help_text="What the decision asks, in the portal's words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="summary_es",
            field=models.TextField(
                help_text="What the decision asks, in the portal's words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="summary_fr",
            field=models.TextField(
                help_text="What the decision asks, in the portal's words.", null=True, verbose_name="summary"
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="short title"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="title_es",
            field=models.CharField(max_length=200, null=True, verbose_name="short title"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="title_fr",
            field=models.CharField(max_length=200, null=True, verbose_name="short title"),
        ),
        migrations.AddField(
            model_name="presidency",
            name="notes_en",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="presidency",
            name="notes_es",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="presidency",
            name="notes_fr",
            field=models.TextField(blank=True, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="composition_en",
            field=models.TextField(
                blank=True,
                help_text="Who takes part, as the source describes it; empty if not stated.",
                null=True,
                verbose_name="composition",
            ),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="composition_es",
            field=models.TextField(
                blank=True,
                help_text="Who takes part, as the source describes it; empty if not stated.",
                null=True,
                verbose_name="composition",
            ),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="composition_fr",
            field=models.TextField(
                blank=True,
                help_text="Who takes part, as the source describes it; empty if not stated.",
                null=True,
                verbose_name="composition",
            ),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="name_en",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="purpose_en",
            field=models.TextField(null=True, verbose_name="purpose"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="purpose_es",
            field=models.TextField(null=True, verbose_name="purpose"),
        ),
        migrations.AddField(
            model_name="presidencybody",
            name="purpose_fr",
            field=models.TextField(null=True, verbose_name="purpose"),
        ),
        migrations.AddField(
            model_name="reportedfigure",
            name="label_en",
            field=models.CharField(max_length=300, null=True, verbose_name="what it counts"),
        ),
        migrations.AddField(
            model_name="reportedfigure",
            name="label_es",
            field=models.CharField(max_length=300, null=True, verbose_name="what it counts"),
        ),
        migrations.AddField(
            model_name="reportedfigure",
            name="label_fr",
            field=models.CharField(max_length=300, null=True, verbose_name="what it counts"),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="as_of_label_en",
            field=models.CharField(
                blank=True,
                help_text="e.g. “mid-March 2026”.",
                max_length=80,
                null=True,
                verbose_name="as of (as the source puts it)",
            ),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="as_of_label_es",
            field=models.CharField(
                blank=True,
                help_text="e.g. “mid-March 2026”.",
                max_length=80,
                null=True,
                verbose_name="as of (as the source puts it)",
            ),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="as_of_label_fr",
            field=models.CharField(
                blank=True,
                help_text="e.g. “mid-March 2026”.",
                max_length=80,
                null=True,
                verbose_name="as of (as the source puts it)",
            ),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="statement_en",
            field=models.TextField(
                help_text="What the source reports, in the portal's words.",
                null=True,
                verbose_name="statement",
            ),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="statement_es",
            field=models.TextField(
                help_text="What the source reports, in the portal's words.",
                null=True,
                verbose_name="statement",
            ),
        ),
        migrations.AddField(
            model_name="successionreport",
            name="statement_fr",
            field=models.TextField(
                help_text="What the source reports, in the portal's words.",
                null=True,
                verbose_name="statement",
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="establishment_note_en",
            field=models.TextField(blank=True, null=True, verbose_name="establishment note"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="establishment_note_es",
            field=models.TextField(blank=True, null=True, verbose_name="establishment note"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="establishment_note_fr",
            field=models.TextField(blank=True, null=True, verbose_name="establishment note"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="name_en",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="short_name_en",
            field=models.CharField(max_length=100, null=True, verbose_name="short name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="short_name_es",
            field=models.CharField(max_length=100, null=True, verbose_name="short name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="short_name_fr",
            field=models.CharField(max_length=100, null=True, verbose_name="short name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="thematic_area_en",
            field=models.TextField(
                help_text="What the group covers, in the portal's words.",
                null=True,
                verbose_name="thematic area",
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="thematic_area_es",
            field=models.TextField(
                help_text="What the group covers, in the portal's words.",
                null=True,
                verbose_name="thematic area",
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="thematic_area_fr",
            field=models.TextField(
                help_text="What the group covers, in the portal's words.",
                null=True,
                verbose_name="thematic area",
            ),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
