"""The escalation timer, on the `django.tasks` worker `make demo` starts."""

from __future__ import annotations

from django.tasks import task


@task()
def escalate_incident(incident_id: int, level: int) -> str:
    from coordo.incidents.actions.escalation import escalate

    return escalate(incident_id, level)
