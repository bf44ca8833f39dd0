"""`{{ value|day_first }}`: an ISO date or moment kept as text (an export's data), shown day-first."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def day_first(value: object) -> object:
    """ "2026-12-03" reads 03/12/2026 (or 3-12-2026 in Dutch); a moment gets its time too."""
    if not isinstance(value, str) or not value:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" not in value and " " not in value:
        return formats.date_format(moment.date(), "SHORT_DATE_FORMAT")
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
