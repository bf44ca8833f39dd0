"""Planning pages: the month list, the grid with its solver runs, hand edits, publishing."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning import actions, queries
from coordo.planning.conflicts import conflict_lines
from coordo.planning.fairness import plan_report
from coordo.planning.forms import AssignForm, DraftForm, RunForm
from coordo.planning.grid import build_grid, progress_plan, saved_plan
from coordo.planning.models import Planning, PlanningRun
from coordo.planning.validation import cell_problems
from coordo.web.posting import errors_flashed, errors_onto, written_or_flashed
from coordo.web.sites import current_site, site_holding


def replans_proposed(done: str, principal: Principal, replans: list[Planning]) -> SafeString:
    """`done`, then "A re-plan is proposed: <link>" for each draft the principal may open."""
    mine = [p for p in replans if principal.can(Perm.PLANNING_EDIT, p.site_id)]
    if not mine:
        return format_html("{}", done)
    text = ngettext("A re-plan is proposed:", "Re-plans are proposed:", len(mine))
    links = format_html_join(
        ", ",
        '<a href="{}">{} · {}</a>',
        (
            (reverse("planning_detail", args=[p.pk]), p.site.name, date_format(p.month, "F Y"))
            for p in mine
        ),
    )
    return format_html("{} {} {}.", done, text, links)


@require_perm(Perm.PLANNING_VIEW)
def planning_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    plannings = queries.plannings_visible_to(principal).select_related("based_on")[:60]
    audit.record(AuditAction.LIST, principal=principal, object_type="planning.planning")
    can_draft = site_holding(request, principal, Perm.PLANNING_EDIT) is not None
    return render(
        request,
        "planning/planning_list.html",
        {"plannings": plannings, "form": DraftForm() if can_draft else None},
    )


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def planning_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.PLANNING_EDIT)
    write = partial(actions.create_draft, site=site, by=principal)
    planning = written_or_flashed(request, DraftForm(request.POST), write)
    if planning is None:
        return redirect("planning_list")
    messages.success(request, _("The draft is ready: generate a plan or fill it by hand."))
    return redirect("planning_detail", planning_id=planning.pk)


def _board(request: AuthedRequest, planning: Planning, run: PlanningRun | None) -> dict:
    """The grid and the run's state: while the solver works, its best plan so far."""
    running = run is not None and run.is_running
    plan = (
        progress_plan(run.progress.get("assignments", {}))
        if run is not None and running
        else saved_plan(planning)
    )
    principal = principal_of(request)
    editor = principal.can(Perm.PLANNING_EDIT, planning.site_id)
    return {
        "planning": planning,
        "run": run,
        "running": running,
        "conflicts": conflict_lines(run, (get_language() or "en")[:2]) if run else [],
        "grid": build_grid(planning, plan),
        "can_edit": planning.is_draft and editor,
        "replan": queries.open_draft(principal, planning),
        "closed_on_holidays": queries.closes_on_public_holidays(planning.site_id),
        # Inside the polled board: the shares follow the plan shown, not the one at load.
        "report": plan_report(planning, plan) if editor else None,
    }


@require_perm(Perm.PLANNING_VIEW)
def planning_detail(request: AuthedRequest, planning_id: int) -> HttpResponse:
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=planning)
    context = _board(request, planning, planning.runs.first())
    context["run_form"] = RunForm()
    context["can_publish"] = planning.is_draft and principal.can(
        Perm.PLANNING_PUBLISH, planning.site_id
    )
    return render(request, "planning/planning_detail.html", context)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def planning_solve(request: AuthedRequest, planning_id: int) -> HttpResponse:
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id, Perm.PLANNING_EDIT)
    written_or_flashed(
        request, RunForm(request.POST), partial(actions.start_run, planning, by=principal)
    )
    return redirect("planning_detail", planning_id=planning.pk)


@require_perm(Perm.PLANNING_EDIT)
def planning_run(request: AuthedRequest, run_id: int) -> HttpResponse:
    """The board alone, polled every second while the solver works.

    The page that polls (`planning_detail`) wrote the view's audit row; its polls are the
    same view continuing and write none while that row is recent.
    """
    principal = principal_of(request)
    run = queries.get_run(principal, run_id, Perm.PLANNING_EDIT)
    audit.record_view_once(principal, run.planning)
    return render(
        request, "planning/planning_detail.html#board", _board(request, run.planning, run)
    )


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def planning_run_cancel(request: AuthedRequest, run_id: int) -> HttpResponse:
    principal = principal_of(request)
    run = queries.get_run(principal, run_id, Perm.PLANNING_EDIT)
    actions.cancel_run(run, by=principal)
    messages.success(request, _("The solver stops and keeps the best plan found so far."))
    return redirect("planning_detail", planning_id=run.planning_id)


@require_perm(Perm.PLANNING_EDIT)
def planning_shift(request: AuthedRequest, planning_id: int, shift_id: int) -> HttpResponse:
    """One cell by hand; htmx posts `check` on every change to show the rules it would break."""
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id, Perm.PLANNING_EDIT)
    shift = queries.get_shift(planning, shift_id)
    current = list(planning.assignments.filter(shift=shift).values_list("worker_id", flat=True))
    form = AssignForm(
        request.POST or None,
        initial={"workers": current},
        workers=queries.site_workers(planning),
    )
    problems: list[str] = []
    if request.method == "POST" and "check" in request.GET:
        if form.is_valid():
            chosen = [w.pk for w in form.cleaned_data["workers"]]
            problems = cell_problems(planning, shift, chosen)
        else:
            problems = [str(e) for errors in form.errors.values() for e in errors]
        return render(request, "planning/shift_form.html#problems", {"problems": problems})
    if request.method == "POST" and form.is_valid():
        workers = list(form.cleaned_data["workers"])
        with errors_onto(form):
            actions.assign_shift(
                planning,
                shift,
                workers=workers,
                accept_broken_rules=form.cleaned_data["accept_broken_rules"],
                by=principal,
            )
            messages.success(request, _("The shift is saved."))
            return redirect("planning_detail", planning_id=planning.pk)
    elif request.method == "GET":
        audit.record(AuditAction.VIEW, principal=principal, obj=planning)
        problems = cell_problems(planning, shift, current) if planning.is_draft else []
    context = {"planning": planning, "shift": shift, "form": form, "problems": problems}
    return render(request, "planning/shift_form.html", context)


@require_POST
@require_perm(Perm.PLANNING_PUBLISH)
def planning_publish(request: AuthedRequest, planning_id: int) -> HttpResponse:
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id, Perm.PLANNING_PUBLISH)
    with errors_flashed(request):
        actions.publish_planning(planning, by=principal)
        messages.success(
            request, _("Version %(version)d is published.") % {"version": planning.version}
        )
    return redirect("planning_detail", planning_id=planning.pk)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def planning_discard(request: AuthedRequest, planning_id: int) -> HttpResponse:
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id, Perm.PLANNING_EDIT)
    with errors_flashed(request):
        actions.discard_draft(planning, by=principal)
        messages.success(request, _("The draft is discarded."))
        return redirect("planning_list")
    return redirect("planning_detail", planning_id=planning.pk)
