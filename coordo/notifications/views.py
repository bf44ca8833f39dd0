"""The inbox: one's own notifications, newest first; opening one marks it read."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, principal_of
from coordo.notifications import actions, queries


def inbox(request: AuthedRequest) -> HttpResponse:
    deliveries = list(queries.inbox_of(principal_of(request))[:100])
    return render(request, "notifications/inbox.html", {"deliveries": deliveries})


@require_POST
def delivery_read(request: AuthedRequest, delivery_id: int) -> HttpResponse:
    delivery = queries.get_delivery(principal_of(request), delivery_id)
    actions.mark_read(delivery, by=principal_of(request))
    if delivery.link and url_has_allowed_host_and_scheme(delivery.link, allowed_hosts=None):
        return redirect(delivery.link)
    return redirect("inbox")
