"""Batches join the one run lifecycle (coordo/background): a heartbeat, a start time and a
plain error message. The statuses are already the lifecycle's (plus "closed"), so they stay;
`error` keeps its text as `error_message`. A batch left running by a dead worker gets its
creation time as last heartbeat, so it shows as stale and a new batch can be run."""

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    Batch = apps.get_model("dispatch", "Batch")
    Batch.objects.exclude(status="queued").update(started_at=F("created_at"))
    Batch.objects.filter(status="running").update(heartbeat_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="batch", old_name="error", new_name="error_message"),
        migrations.AlterField(
            model_name="batch",
            name="error_message",
            field=models.TextField(blank=True, verbose_name="error message"),
        ),
        migrations.AddField(
            model_name="batch",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last heartbeat"),
        ),
        migrations.AddField(
            model_name="batch",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started at"),
        ),
        migrations.AlterField(
            model_name="batch",
            name="cancel_requested",
            field=models.BooleanField(default=False, verbose_name="cancel requested"),
        ),
        migrations.AlterField(
            model_name="batch",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
        ),
        migrations.AlterField(
            model_name="batch",
            name="progress",
            field=models.JSONField(blank=True, default=dict, verbose_name="progress"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
