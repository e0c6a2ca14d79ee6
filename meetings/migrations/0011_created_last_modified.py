"""When each delegation and meeting was created and last changed, for the open data API's
?changed_since=. Existing rows take the first and last dates of their history (now where
they have none)."""

from django.db import migrations, models
from django.db.models import Max, Min
from django.utils import timezone


def fill(apps, schema_editor):
    now = timezone.now()
    for name, last_field in (("Delegation", "last_modified"), ("Meeting", None)):
        model = apps.get_model("meetings", name)
        history = apps.get_model("meetings", f"Historical{name}")
        dates = {
            row["id"]: row
            for row in history.objects.values("id").annotate(first=Min("history_date"), last=Max("history_date"))
        }
        for record in model.objects.only("pk").iterator():
            row = dates.get(record.pk, {})
            fields = {"created": row.get("first") or now}
            if last_field:
                fields[last_field] = row.get("last") or now
            model.objects.filter(pk=record.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_content_languages")]

    operations = [
        migrations.AddField(
            model_name="delegation",
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=timezone.now, verbose_name="created"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="delegation",
            name="last_modified",
            field=models.DateTimeField(auto_now=True, verbose_name="last changed"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=timezone.now, verbose_name="created"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
