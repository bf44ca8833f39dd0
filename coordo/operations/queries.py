"""The operations pages' reads."""

from __future__ import annotations

from django.db.models import QuerySet

from coordo.operations.models import RetentionReport


def recent_retention_reports(organisation_id: int, count: int = 10) -> QuerySet[RetentionReport]:
    return RetentionReport.objects.filter(organisation_id=organisation_id)[:count]
