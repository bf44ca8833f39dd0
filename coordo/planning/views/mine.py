"""A worker's own shifts: the "my shifts" page and the personal calendar feed."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of
from coordo.access.models import AuditAction
from coordo.planning import actions, ics, queries
from coordo.planning.forms import AbsenceForm
from coordo.planning.views import swaps
from coordo.planning.views.plannings import replans_proposed
from coordo.web.posting import written_or_flashed

FEED_DAYS_BACK = 31


def my_shifts(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    worker = queries.worker_of(principal)
    context: dict[str, object] = {"worker": worker, "absence_form": AbsenceForm()}
    if worker is not None:
        audit.record(AuditAction.VIEW, principal=principal, obj=worker)
        today = timezone.localdate()
        upcoming = list(queries.published_shifts(worker).filter(shift__end__date__gte=today))
        context.update(swaps.swap_context(worker))
        forms = {
            site: swaps.swap_form(worker, site) for site in {a.shift.site_id for a in upcoming}
        }
        context["shift_rows"] = [(a, forms[a.shift.site_id]) for a in upcoming]
    return render(request, "planning/my_shifts.html", context)


@require_POST
def calendar_renew(request: AuthedRequest) -> HttpResponse:
    worker = queries.worker_of(principal_of(request))
    if worker is None:
        raise Http404
    actions.renew_calendar_link(worker, by=principal_of(request))
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("my_shifts")


@require_POST
def absence_add(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    worker = queries.worker_of(principal)
    if worker is None:
        raise Http404
    write = partial(actions.record_absence, worker, by=principal)
    recorded = written_or_flashed(request, AbsenceForm(request.POST), write)
    if recorded is not None:
        done = _("Your absence is recorded; the coordination sees it.")
        messages.success(request, replans_proposed(done, principal, recorded.replans))
    return redirect("my_shifts")


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Calendar apps fetch this without logging in: the secret address is the key."""
    worker = queries.worker_by_calendar_token(token)
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    shifts = queries.published_shifts(worker).filter(shift__start__gte=since)
    audit.record(AuditAction.EXPORT, obj=worker, organisation_id=worker.organisation_id)
    body = ics.calendar(shifts, title=_("Coordo shifts"), host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"  # the address is a secret: no copy in a cache
    return response
