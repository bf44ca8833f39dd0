from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from coordo.access.scoping import principal_for_user


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The header's unread count, and the urgent alerts every page shows until read."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "second_factor_owed", None):
        return {}
    from coordo.notifications.queries import unread_of

    unread = list(unread_of(principal_for_user(user))[:20])  # type: ignore[arg-type]
    return {
        "inbox_unread": len(unread),
        "inbox_urgent": [delivery for delivery in unread if delivery.urgent],
    }
