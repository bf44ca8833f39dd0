"""Rendering a report in the background: compute its content, render the files, archive them.

States, progress, heartbeat, cancel, failures and stale workers are the one lifecycle's
(`coordo.background`); this module says only how a report run works. The figures are read
in the task's thread (fetch); the files are drawn from them without the database (solve).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.tasks import task
from django.utils import translation

from coordo import background
from coordo.background import RunStatus
from coordo.reports import outputs, queries
from coordo.reports.actions.generation import save_rendering
from coordo.reports.models import GeneratedReport, ReportFormat


@dataclass(frozen=True)
class Rendered:
    content: dict[str, Any]
    files: dict[str, bytes]


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


def _fetch(run: GeneratedReport) -> dict[str, Any]:
    assert run.template is not None
    with translation.override(run.language):
        return queries.template_content(run.template, run.start, run.end, funder=run.funder_version)


def _solve(
    run: GeneratedReport,
    content: dict[str, Any],
    on_progress: Callable[[Progress], None],
    should_stop: Callable[[], bool],
) -> Rendered | None:
    files: dict[str, bytes] = {}
    formats = list(ReportFormat.values)
    with translation.override(run.language):
        for fmt in formats:
            if should_stop():
                return None
            on_progress(Progress(len(files), len(formats)))
            files[fmt] = outputs.render(content, fmt)
    on_progress(Progress(len(files), len(formats)))
    return Rendered(content, files)


def _save(run: GeneratedReport, rendered: Rendered | None) -> str:
    if rendered is None:
        return RunStatus.CANCELLED
    run.content = rendered.content
    run.data_version = rendered.content["data_version"]
    run.save(update_fields=["content", "data_version"])
    save_rendering(run, rendered.files)
    return RunStatus.DONE


REPORT_RUN = background.Pipeline(
    model=GeneratedReport,
    fetch=_fetch,
    solve=_solve,
    progress_as_dict=lambda progress: {"done": progress.done, "total": progress.total},
    save=_save,
)


@task()
def render_report(run_id: int) -> str:
    return REPORT_RUN.execute(run_id)


background.register(GeneratedReport, render_report)
