"""When each topic, intervention and position was created and last changed, for the open data API's
?changed_since=. Existing rows take the first and last dates of their history (now where they
have none)."""

from django.db import migrations, models
from django.db.models import Max, Min
from django.utils import timezone

MODELS = ["Topic", "Intervention", "Position"]


def fill(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("consultations", name)
        history = apps.get_model("consultations", f"Historical{name}")
        dates = {
            row["id"]: row
            for row in history.objects.values("id").annotate(first=Min("history_date"), last=Max("history_date"))
        }
        for record in model.objects.only("pk").iterator():
            row = dates.get(record.pk, {})
            model.objects.filter(pk=record.pk).update(
                created=row.get("first") or now, last_modified=row.get("last") or now
            )


def _fields(name: str) -> list:
    return [
        migrations.AddField(
            model_name=name.lower(),
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=timezone.now, verbose_name="created"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=name.lower(),
            name="last_modified",
            field=models.DateTimeField(auto_now=True, verbose_name="last changed"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_content_languages")]

    operations = [
        *[operation for name in MODELS for operation in _fields(name)],
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
