from __future__ import annotations

from django.db import models

from coordo.access.tenancy import TenantModel


class WorkerHeartbeat(models.Model):
    """When a task worker last ran the heartbeat task: one row, read by the health check.

    Not tenant data: it names no one and belongs to the installation, like the task queue.
    """

    ROW = 1

    beat_at = models.DateTimeField()
    # The worker's id as django-tasks-db gives it (random unless --worker-id is set).
    worker_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id or '?'} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class RetentionReport(TenantModel):
    """What one run of the retention rules did (or, in a dry run, would do) for one
    organisation: counts per rule, never a name. The admin's page lists the latest."""

    site_path = None  # organisation-wide

    ran_at = models.DateTimeField()
    applied = models.BooleanField()
    counts = models.JSONField()  # {rule key: rows}

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"retention {'applied' if self.applied else 'dry run'} at {self.ran_at:%Y-%m-%d}"
