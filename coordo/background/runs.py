"""The states of a background run, and the columns every run table shares.

queued -> running -> done, infeasible, failed or cancelled. A running row carries a
heartbeat its task writes while it works; a row whose heartbeat is older than
`COORDO_RUN_STALE_AFTER_SECONDS` lost its worker (killed, machine restarted), so it is
shown as failed and marked so before anything it would block.

Failure messages are stored as their English msgid and translated when shown, so each
reader sees them in their own language.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import checks
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("coordo.background")

WORKER_STOPPED = gettext_noop("The worker stopped before the run finished. Start it again.")
UNEXPECTED_ERROR = gettext_noop(
    "The run failed on an unexpected error, which has been logged. Start it again; if it"
    " fails again, tell your administrator."
)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    INFEASIBLE = "infeasible", _("Impossible")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
# What the lifecycle itself writes: a run table's status choices must offer these.
WRITTEN = (RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.FAILED)


def stale_cutoff() -> datetime:
    """A running row whose last heartbeat is older than this has lost its worker."""
    return timezone.now() - timedelta(seconds=settings.COORDO_RUN_STALE_AFTER_SECONDS)


class BackgroundRun(models.Model):
    """One run of long work (a solver) in a task; `coordo.background` writes these columns.

    A table may widen `status` with states of its own after the run (a batch is then
    decided); its choices keep every state the lifecycle writes (a system check says so).
    """

    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    error_message = models.TextField(_("error message"), blank=True)  # a msgid, see above
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        """Running, but no heartbeat for too long: its worker died."""
        return (
            self.status == RunStatus.RUNNING
            and self.heartbeat_at is not None
            and self.heartbeat_at < stale_cutoff()
        )

    @property
    def is_running(self) -> bool:
        """Queued or at work: the page keeps polling and offers to cancel."""
        return self.status in ACTIVE and not self.is_stale

    @property
    def state(self) -> str:
        """The status as the user should know it: a stale run has failed."""
        return RunStatus.FAILED if self.is_stale else self.status

    @property
    def state_label(self) -> str:
        return str(self._status_labels()[self.state])

    @property
    def error_text(self) -> str:
        """Why the run failed, in the reader's language."""
        message = WORKER_STOPPED if self.is_stale else self.error_message
        return gettext(message) if message else ""

    @classmethod
    def _status_labels(cls) -> dict[str, Any]:
        """Each status value of this table (a subclass may widen the choices) -> its label."""
        status = cls._meta.get_field("status")
        assert isinstance(status, models.Field)
        return dict(status.flatchoices)

    @classmethod
    def check(cls, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        offered = cls._status_labels()
        missing = [state.value for state in WRITTEN if state not in offered]
        if missing:
            errors.append(
                checks.Error(
                    f"{cls._meta.label}.status does not offer the run states {missing}.",
                    hint="Its choices must include coordo.background.RunStatus's.",
                    obj=cls,
                    id="coordo.E101",
                )
            )
        return errors


def fail_stale[R: BackgroundRun](runs: QuerySet[R]) -> int:
    """Marks failed those of `runs` whose worker stopped; returns how many."""
    stale = list(
        runs.filter(status=RunStatus.RUNNING, heartbeat_at__lt=stale_cutoff()).values_list(
            "pk", "heartbeat_at"
        )
    )
    for pk, heartbeat_at in stale:
        logger.warning(
            "%s %s: no heartbeat since %s, its worker stopped; marked failed",
            runs.model._meta.label,
            pk,
            heartbeat_at.isoformat(),
        )
    if not stale:
        return 0
    return runs.filter(pk__in=[pk for pk, _heartbeat in stale], status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, error_message=WORKER_STOPPED, finished_at=timezone.now()
    )


def any_active[R: BackgroundRun](runs: QuerySet[R]) -> bool:
    """Whether one of `runs` is queued or running; a stale one is marked failed first, so
    a dead worker never blocks a new run."""
    fail_stale(runs)
    return runs.filter(status__in=ACTIVE).exists()


def request_cancel[R: BackgroundRun](runs: QuerySet[R]) -> int:
    """Asks those of `runs` still queued or running to stop; their task reads the flag.

    An update, not a save: the task writes progress to the same row meanwhile.
    """
    return runs.filter(status__in=ACTIVE).update(cancel_requested=True)
