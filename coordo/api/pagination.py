"""The one pagination of the API lists: `limit` and `offset`, both bounded; and what a list
answers (`listed`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_type_hints

from django.conf import settings
from django.db.models import Model, QuerySet
from ninja import Field, Schema
from ninja import pagination as ninja_pagination

from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.scoping import Principal

# Each list stops at 500 records (1000 units); past that a page is empty, so no need to count.
MAX_OFFSET = 1000
MAX_LIMIT = 500


class Page(ninja_pagination.LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def paginate(view: Callable[..., Any]) -> Callable[..., Any]:
    """Ninja's `paginate` with `Page`, the view's annotations resolved first: Ninja reads
    them from its wrapper, in its own module, where `Id` and the other shared types are
    unknown names."""
    view.__annotations__ = get_type_hints(view, include_extras=True)
    return ninja_pagination.paginate(Page)(view)


def listed[M: Model](
    principal: Principal, records: QuerySet[M], *, site_id: int | None = None
) -> list[M]:
    """The records of one list answer: those of the site asked for (all the principal sees
    when none is), at most `MAX_LIMIT`, and the list's audit row."""
    if site_id is not None:
        records = records.filter(site_id=site_id)
    object_type = records.model._meta.label_lower
    audit.record(AuditAction.LIST, principal=principal, object_type=object_type, site_id=site_id)
    return list(records[:MAX_LIMIT])
