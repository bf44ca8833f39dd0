"""Swap pages: a host asks and accepts from "my shifts"; the coordination decides on a list."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.planning import queries
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.forms import AcceptSwapForm, SwapRequestForm
from coordo.planning.models import Worker
from coordo.web.posting import errors_flashed, saved_or_flashed


def _worker(request: AuthedRequest) -> Worker:
    worker = queries.worker_of(principal_of(request))
    if worker is None:
        raise Http404
    return worker


def swap_context(worker: Worker) -> dict[str, Any]:
    """What "my shifts" shows of swaps: the worker's requests, and offers they may take."""
    offers = list(queries.swaps_offered_to(worker))
    mine = list(queries.swaps_asked_by(worker))
    return {
        "my_swaps": mine,
        "asked_shifts": {s.shift_id for s in mine if s.is_open},
        "offers": [(s, AcceptSwapForm(shifts=queries.exchangeable(worker, s))) for s in offers],
    }


def swap_form(worker: Worker, site_id: int) -> SwapRequestForm:
    form = SwapRequestForm(colleagues=queries.colleagues(worker, site_id))
    field = form.fields["colleague"]
    # Read the team once: the form is drawn again on every shift row of the site.
    field.choices = list(field.choices)  # type: ignore[attr-defined]
    return form


@require_POST
def swap_create(request: AuthedRequest, assignment_id: int) -> HttpResponse:
    worker = _worker(request)
    assignment = queries.get_published_assignment(worker, assignment_id)
    form = SwapRequestForm(
        request.POST, colleagues=queries.colleagues(worker, assignment.planning.site_id)
    )
    write = partial(swap_actions.request_swap, assignment, by=principal_of(request))
    saved_or_flashed(request, form, write, _("Your request is sent."))
    return redirect("my_shifts")


@require_POST
def swap_accept(request: AuthedRequest, swap_id: int) -> HttpResponse:
    worker = _worker(request)
    swap = get_object_or_404(queries.swaps_offered_to(worker), pk=swap_id)
    form = AcceptSwapForm(request.POST, shifts=queries.exchangeable(worker, swap))
    write = partial(swap_actions.accept_swap, swap, taker=worker, by=principal_of(request))
    saved_or_flashed(request, form, write, _("Thank you: the coordination will confirm the swap."))
    return redirect("my_shifts")


@require_POST
def swap_cancel(request: AuthedRequest, swap_id: int) -> HttpResponse:
    swap = get_object_or_404(queries.swaps_asked_by(_worker(request)), pk=swap_id)
    with errors_flashed(request):
        swap_actions.cancel_swap(swap, by=principal_of(request))
        messages.success(request, _("Your request is withdrawn."))
    return redirect("my_shifts")


@require_perm(Perm.PLANNING_PUBLISH)
def swap_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    swaps = queries.swaps_to_decide(principal).order_by("shift__start")
    audit.record(AuditAction.LIST, principal=principal, object_type="planning.swaprequest")
    return render(request, "planning/swap_list.html", {"swaps": swaps})


def _decide(request: AuthedRequest, swap_id: int, approve: bool) -> HttpResponse:
    principal = principal_of(request)
    swap = get_object_or_404(queries.swaps_to_decide(principal), pk=swap_id)
    with errors_flashed(request, heading=_("The swap is not approved:")):
        if approve:
            swap_actions.approve_swap(swap, by=principal)
        else:
            swap_actions.reject_swap(swap, by=principal)
        messages.success(
            request,
            _("The swap is approved and published.") if approve else _("The swap is rejected."),
        )
    return redirect("swap_list")


@require_POST
@require_perm(Perm.PLANNING_PUBLISH)
def swap_approve(request: AuthedRequest, swap_id: int) -> HttpResponse:
    return _decide(request, swap_id, approve=True)


@require_POST
@require_perm(Perm.PLANNING_PUBLISH)
def swap_reject(request: AuthedRequest, swap_id: int) -> HttpResponse:
    return _decide(request, swap_id, approve=False)
