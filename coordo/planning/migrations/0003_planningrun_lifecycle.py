"""Solver runs join the one run lifecycle (coordo/background): a heartbeat, a start time,
a plain error message, and the state "cancelled". The existing statuses (queued, running,
done, infeasible, failed) are the lifecycle's and stay. A run left running by a dead
worker (or by a solver that raised, before this lifecycle) gets its creation time as last
heartbeat, so it shows as stale and no longer blocks a new run, discarding or publishing."""

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    PlanningRun = apps.get_model("planning", "PlanningRun")
    PlanningRun.objects.exclude(status="queued").update(started_at=F("created_at"))
    PlanningRun.objects.filter(status="running").update(heartbeat_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0002_swaprequest")]

    operations = [
        migrations.AddField(
            model_name="planningrun",
            name="error_message",
            field=models.TextField(blank=True, verbose_name="error message"),
        ),
        migrations.AddField(
            model_name="planningrun",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last heartbeat"),
        ),
        migrations.AddField(
            model_name="planningrun",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started at"),
        ),
        migrations.AlterField(
            model_name="planningrun",
            name="cancel_requested",
            field=models.BooleanField(default=False, verbose_name="cancel requested"),
        ),
        migrations.AlterField(
            model_name="planningrun",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
        ),
        migrations.AlterField(
            model_name="planningrun",
            name="progress",
            field=models.JSONField(blank=True, default=dict, verbose_name="progress"),
        ),
        migrations.AlterField(
            model_name="planningrun",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("infeasible", "Impossible"),
                    ("failed", "Failed"),
                    ("cancelled", "Cancelled"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
