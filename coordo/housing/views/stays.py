"""The occupancy board and stays: admit, move, end, and each person's stay history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.housing import actions, queries
from coordo.housing.board import build_board
from coordo.housing.forms import AdmitForm, BoardForm, EndStayForm, MoveStayForm
from coordo.housing.models import Stay
from coordo.housing.views.common import site_people, site_units
from coordo.people.queries import get_person
from coordo.web import periods
from coordo.web.posting import errors_onto, form_page
from coordo.web.sites import current_site

PAGE_SIZE = 30
PERIODS = [
    (7, gettext_lazy("1 week")),
    (14, gettext_lazy("2 weeks")),
    (28, gettext_lazy("4 weeks")),
    (56, gettext_lazy("8 weeks")),
    (91, gettext_lazy("3 months")),
]


@require_perm(Perm.STAY_VIEW)
def board(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.STAY_VIEW)
    today = timezone.localdate()
    form = BoardForm(request.GET)
    # A day out of range: this week, and the error shown.
    start, refused = periods.asked_day(form, "start", today - timedelta(days=today.weekday()))
    try:
        days = int(request.GET.get("days", "28"))
    except ValueError:
        days = 28
    can_edit = principal.can(Perm.STAY_EDIT, site.pk)
    grid = build_board(principal, site.pk, start, days, today=today, can_edit=can_edit)
    audit.record(AuditAction.LIST, principal=principal, object_type="housing.stay", site_id=site.pk)
    context = {
        "board": grid,
        "today": today,
        "days": len(grid.days),
        "form": form,
        "earliest": periods.EARLIEST,
        "latest": periods.latest(today),
        "previous": start - timedelta(days=len(grid.days)),
        "next": start + timedelta(days=len(grid.days)),
        "can_edit": can_edit,
        "period_choices": PERIODS,
    }
    template = "housing/board.html#grid" if request.htmx else "housing/board.html"
    return render(request, template, context, status=400 if refused else 200)


@require_perm(Perm.STAY_EDIT)
def stay_admit(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.STAY_EDIT)
    today = timezone.localdate()
    # Only those with no place from the night asked (tonight at the earliest) are listed.
    night = AdmitForm.night_asked(request.POST or request.GET, today)
    households, persons = queries.without_a_place(*site_people(request, site), night)
    # Picking a household or a date (htmx) sends the form back with what was filled in.
    initial = {
        name: request.GET.get(name) for name in ("unit", "household", "person", "planned_end")
    } | {"start": night}
    form = AdmitForm(
        request.POST or None,
        initial=initial,
        units=site_units(request, site),
        households=households,
        persons=persons,
        today=today,
        focus=request.method == "GET" and request.htmx.target != "stay-form",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_onto(form):
            stay = actions.admit_household(
                data["unit"],
                head=data["head"],
                household=data["household"],
                members=data["members"],
                start=data["start"],
                planned_end=data["planned_end"],
                by=principal,
            )
            messages.success(request, _("The stay has begun."))
            return redirect(f"{reverse('housing_board')}?start={stay.start.isoformat()}")
    # The form lists the site's households and persons to admit.
    audit.record(
        AuditAction.LIST, principal=principal, object_type="people.person", site_id=site.pk
    )
    template = "housing/stay_form.html#form" if request.htmx else "housing/stay_form.html"
    return render(
        request, template, {"form": form, "title": _("Admit"), "action": request.get_full_path()}
    )


@require_perm(Perm.STAY_VIEW)
def stay_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.STAY_VIEW)
    current = request.GET.get("show") != "ended"
    stays = queries.stays_visible_to(principal).filter(site=site, end__isnull=current)
    page = Paginator(stays, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(AuditAction.LIST, principal=principal, object_type="housing.stay", site_id=site.pk)
    return render(request, "housing/stay_list.html", {"page": page, "current": current})


@require_perm(Perm.STAY_VIEW)
def stay_detail(request: AuthedRequest, stay_id: int) -> HttpResponse:
    principal = principal_of(request)
    stay = queries.get_stay(principal, stay_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=stay)
    occupancies = stay.occupancies.select_related("person", "unit__building").order_by(
        "start", "slot"
    )
    rows = [(o, queries.unit_label(principal, o.unit)) for o in occupancies]
    can_edit = principal.can(Perm.STAY_EDIT, stay.site_id) and stay.end is None
    context = {
        "stay": stay,
        "rows": rows,
        "can_edit": can_edit,
        "end_form": EndStayForm(initial={"end": timezone.localdate()}) if can_edit else None,
        "move_form": MoveStayForm(
            units=site_units(request, stay.site), initial={"on": timezone.localdate()}
        )
        if can_edit
        else None,
    }
    template = "housing/stay_detail.html#panel" if request.htmx else "housing/stay_detail.html"
    return render(request, template, context)


def _change_stay(
    request: AuthedRequest,
    stay: Stay,
    form: forms.Form,
    change: Callable[..., Stay],
    title: str,
    done: str,
) -> HttpResponse:
    """Validate, call the action, report: the same for ending and moving a stay."""
    return form_page(
        request,
        form,
        partial(change, stay),
        done=done,
        then=redirect("stay_detail", stay_id=stay.pk),
        template="housing/stay_form.html",
        context={"title": title, "stay": stay, "action": request.path},
        shown=lambda: audit.record(AuditAction.VIEW, principal=principal_of(request), obj=stay),
    )


@require_perm(Perm.STAY_EDIT)
def stay_end(request: AuthedRequest, stay_id: int) -> HttpResponse:
    stay = queries.get_stay(principal_of(request), stay_id, Perm.STAY_EDIT)
    form = EndStayForm(request.POST or None, initial={"end": timezone.localdate()})
    return _change_stay(
        request, stay, form, actions.end_stay, _("End the stay"), _("The stay has ended.")
    )


@require_perm(Perm.STAY_EDIT)
def stay_move(request: AuthedRequest, stay_id: int) -> HttpResponse:
    stay = queries.get_stay(principal_of(request), stay_id, Perm.STAY_EDIT)
    units = site_units(request, stay.site)
    form = MoveStayForm(request.POST or None, units=units, initial={"on": timezone.localdate()})
    return _change_stay(
        request,
        stay,
        form,
        actions.move_stay,
        _("Move to another unit"),
        _("The household has moved."),
    )


@require_perm(Perm.STAY_VIEW)
def person_stays(request: AuthedRequest, person_id: int) -> HttpResponse:
    """A person's stay history, across the sites the user may see."""
    principal = principal_of(request)
    person = get_person(principal, person_id)
    occupancies = queries.stay_history(principal, person)
    rows = [(o, queries.unit_label(principal, o.unit)) for o in occupancies]
    audit.record(
        AuditAction.VIEW, principal=principal, obj=person, object_type="housing.stay_history"
    )
    return render(request, "housing/person_stays.html", {"person": person, "rows": rows})
