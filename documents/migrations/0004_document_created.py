"""When each document was created, for the open data API. Existing rows take the first date of
their history, else their publication, else their last change."""

from django.db import migrations, models
from django.db.models import Min
from django.utils import timezone


def fill(apps, schema_editor):
    document = apps.get_model("documents", "Document")
    history = apps.get_model("documents", "HistoricalDocument")
    first = dict(history.objects.values_list("id").annotate(first=Min("history_date")))
    for record in document.objects.only("pk", "published_at", "updated_at").iterator():
        created = first.get(record.pk) or record.published_at or record.updated_at
        document.objects.filter(pk=record.pk).update(created=min(created, record.updated_at))


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_content_languages")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=timezone.now, verbose_name="created"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
