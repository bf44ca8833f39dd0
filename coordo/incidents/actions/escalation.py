"""Escalation to the person on call: alert at once, escalate when nobody acknowledges."""

from __future__ import annotations

from coordo.incidents.models import Incident


def alert_on_report(incident: Incident) -> None:
    """Severity 3 and 4 alert the person on call (section 2 of issue 13)."""
