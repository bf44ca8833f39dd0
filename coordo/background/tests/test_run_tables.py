"""A run table keeps every state the lifecycle writes, or `manage.py check` refuses it."""

from __future__ import annotations

from django.db import models
from django.test.utils import isolate_apps

from coordo.background import BackgroundRun
from coordo.dispatch.models import Batch
from coordo.planning.models import PlanningRun


def _lifecycle_errors(model: type[BackgroundRun]) -> list[str]:
    return [error.msg for error in model.check() if error.id == "coordo.E101"]


def test_the_run_tables_offer_the_lifecycle_states() -> None:
    assert _lifecycle_errors(PlanningRun) == []
    assert _lifecycle_errors(Batch) == []


@isolate_apps("coordo.planning")
def test_a_table_narrowing_the_states_is_refused() -> None:
    class NarrowRun(BackgroundRun):
        status = models.CharField(max_length=10, choices=[("queued", "Queued"), ("done", "Done")])

        class Meta:
            app_label = "planning"

    assert _lifecycle_errors(NarrowRun) == [
        "planning.NarrowRun.status does not offer the run states ['running', 'failed']."
    ]
