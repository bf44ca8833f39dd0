"""Every write of planning, by area: the month's plannings and their runs, the team, swaps, rotas.

`from coordo.planning import actions` gives the plannings' writes; the others are read
from their module (`from coordo.planning.actions import rotas`).
"""

from coordo.planning.actions.plannings import (
    RecordedAbsence,
    add_template,
    add_worker,
    assign_shift,
    cancel_run,
    change_planning_settings,
    create_draft,
    discard_draft,
    generate_shifts,
    next_published_version,
    publish_planning,
    record_absence,
    renew_calendar_link,
    save_solution,
    start_run,
)

__all__ = [
    "RecordedAbsence",
    "add_template",
    "add_worker",
    "assign_shift",
    "cancel_run",
    "change_planning_settings",
    "create_draft",
    "discard_draft",
    "generate_shifts",
    "next_published_version",
    "publish_planning",
    "record_absence",
    "renew_calendar_link",
    "save_solution",
    "start_run",
]
