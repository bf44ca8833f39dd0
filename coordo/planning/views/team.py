"""One worker of the site's team, managed by the coordination: details, windows, account, absences.

Every form but the details posts to its own route and comes back to the worker's page,
with each refused field named in a message.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.planning import queries
from coordo.planning.actions import record_absence, renew_calendar_link
from coordo.planning.actions import team as team_actions
from coordo.planning.forms import AbsenceForm, AccountForm, WindowForm, WorkerDetailsForm
from coordo.planning.models import WeeklyWindow, Worker
from coordo.planning.views.plannings import replans_proposed
from coordo.web.posting import (
    errors_flashed,
    save_posted_form,
    saved_or_flashed,
    written_or_flashed,
)
from coordo.web.sites import current_site


def _worker(request: AuthedRequest, worker_id: int) -> tuple[Site, Worker]:
    site = current_site(request, Perm.PLANNING_EDIT)
    return site, queries.get_team_worker(principal_of(request), site, worker_id)


def _by(request: AuthedRequest, site: Site | None = None) -> dict[str, Any]:
    """Who acts, and where: the keyword arguments every team action takes."""
    acting: dict[str, Any] = {"by": principal_of(request)}
    return acting if site is None else {**acting, "site": site}


def _details(worker: Worker) -> dict[str, Any]:
    fields = [
        "name",
        "kind",
        "languages",
        "female",
        "max_shifts_per_month",
        "contract_hours",
        "email",
    ]
    return {name: getattr(worker, name) for name in fields}


def _page(request: AuthedRequest, site: Site, worker: Worker, **context: Any) -> HttpResponse:
    audit.record(AuditAction.VIEW, principal=principal_of(request), obj=worker, site_id=site.pk)
    context = {
        "site": site,
        "worker": worker,
        "form": WorkerDetailsForm(initial=_details(worker)),
        "windows": worker.windows.all(),
        "window_form": WindowForm(),
        "account_form": AccountForm(site=site),
        "absences": worker.absences.all(),
        "absence_form": AbsenceForm(),
        "ahead": queries.shifts_ahead(worker).select_related("shift").order_by("shift__start"),
        **context,
    }
    return render(request, "planning/worker_detail.html", context)


@require_perm(Perm.PLANNING_EDIT)
def worker_detail(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    if request.method != "POST":
        return _page(request, site, worker)
    form = WorkerDetailsForm(request.POST)
    write = team_actions.update_worker
    kwargs = _by(request, site)
    if save_posted_form(
        request, form, lambda **data: write(worker, **data, **kwargs), _("The worker is saved.")
    ):
        return redirect("worker_detail", worker_id=worker.pk)
    worker.refresh_from_db()
    return _page(request, site, worker, form=form)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_active(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    active = request.POST.get("active") == "1"
    ahead = team_actions.set_worker_active(worker, active=active, **_by(request, site))
    if active:
        messages.success(request, _("The worker is active again; new drafts include them."))
    else:
        text = ngettext(
            "The worker is deactivated: new drafts leave them out. %(count)d published shift "
            "ahead still names them; it is flagged until you re-plan it.",
            "The worker is deactivated: new drafts leave them out. %(count)d published shifts "
            "ahead still name them; they are flagged until you re-plan them.",
            ahead,
        )
        messages.success(request, text % {"count": ahead})
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def window_add(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    form = WindowForm(request.POST)
    kwargs = {"worker": worker, **_by(request, site)}
    write = team_actions.add_window
    saved_or_flashed(
        request, form, lambda **_: write(form.instance, **kwargs), _("The window is added.")
    )
    return redirect("worker_detail", worker_id=worker.pk)


EDIT = "edit"  # the in-place form's field names and ids differ from the add form's


def _window(worker: Worker, window_id: int) -> WeeklyWindow:
    return get_object_or_404(worker.windows, pk=window_id)


@require_perm(Perm.PLANNING_EDIT)
def window_edit(request: AuthedRequest, worker_id: int, window_id: int) -> HttpResponse:
    """GET: the window's row as a form (htmx swaps it in place); POST: saves it."""
    site, worker = _worker(request, worker_id)
    window = _window(worker, window_id)
    if request.method != "POST":
        if request.htmx:
            audit.record(
                AuditAction.VIEW, principal=principal_of(request), obj=window, site_id=site.pk
            )
            context = {
                "worker": worker,
                "window": window,
                "edit_form": WindowForm(instance=window, prefix=EDIT),
            }
            return render(request, "planning/worker_detail.html#window-form", context)
        return _page(
            request,
            site,
            worker,
            editing=window.pk,
            edit_form=WindowForm(instance=window, prefix=EDIT),
        )
    form = WindowForm(request.POST, instance=window, prefix=EDIT)
    write = team_actions.change_window
    saved_or_flashed(
        request, form, lambda **_: write(window, **_by(request, site)), _("The window is saved.")
    )
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def window_remove(request: AuthedRequest, worker_id: int, window_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    team_actions.remove_window(_window(worker, window_id), **_by(request, site))
    messages.success(request, _("The window is removed."))
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_account(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    form = AccountForm(request.POST, site=site)
    kwargs = _by(request, site)
    write = team_actions.link_worker_account
    done = _("The account is linked: its holder sees these shifts on “my shifts”.")
    saved_or_flashed(request, form, lambda **data: write(worker, **data, **kwargs), done)
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_account_remove(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    team_actions.unlink_worker_account(worker, **_by(request, site))
    messages.success(request, _("The account is no longer linked to this worker."))
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_absence_add(request: AuthedRequest, worker_id: int) -> HttpResponse:
    _site_, worker = _worker(request, worker_id)
    write = partial(record_absence, worker, **_by(request))
    recorded = written_or_flashed(request, AbsenceForm(request.POST), write)
    if recorded is not None:
        done = _("The absence is recorded.")
        messages.success(request, replans_proposed(done, principal_of(request), recorded.replans))
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_absence_remove(request: AuthedRequest, worker_id: int, absence_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    absence = get_object_or_404(worker.absences, pk=absence_id)
    team_actions.remove_absence(absence, **_by(request, site))
    messages.success(request, _("The absence is removed."))
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_calendar_send(request: AuthedRequest, worker_id: int) -> HttpResponse:
    site, worker = _worker(request, worker_id)
    base_url = f"{request.scheme}://{request.get_host()}"
    with errors_flashed(request):
        address = team_actions.send_calendar_link(
            worker, site=site, base_url=base_url, by=principal_of(request)
        )
        text = _("The calendar link is sent to %(address)s.") % {"address": address}
        messages.success(request, text)
    return redirect("worker_detail", worker_id=worker.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_calendar_renew(request: AuthedRequest, worker_id: int) -> HttpResponse:
    _site_, worker = _worker(request, worker_id)
    renew_calendar_link(worker, by=principal_of(request))
    messages.success(
        request, _("The calendar has a new address; the old one no longer works. Send it again.")
    )
    return redirect("worker_detail", worker_id=worker.pk)
