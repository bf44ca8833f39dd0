"""On-call rota pages: a site's rotas, one rota with its members and periods, a period's form."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.planning import queries
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.forms import RotaForm, RotaPeriodForm
from coordo.planning.models import Rota, RotaPeriod, Worker
from coordo.web.posting import errors_onto, written_or_flashed
from coordo.web.sites import current_site


def _team(site: Site) -> QuerySet[Worker]:
    return queries.site_team(site).filter(is_active=True)


@require_perm(Perm.PLANNING_EDIT)
def rota_list(request: AuthedRequest) -> HttpResponse:
    principal, site = principal_of(request), current_site(request, Perm.PLANNING_EDIT)
    rotas = queries.rotas_editable_by(principal).filter(site=site).prefetch_related("members")
    audit.record(
        AuditAction.LIST, principal=principal, object_type="planning.rota", site_id=site.pk
    )
    form = RotaForm(team=_team(site))
    return render(request, "planning/rota_list.html", {"site": site, "rotas": rotas, "form": form})


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def rota_create(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.PLANNING_EDIT)
    form = RotaForm(request.POST, team=_team(site))
    write = partial(rota_actions.create_rota, site=site, by=principal_of(request))
    rota = written_or_flashed(request, form, write)
    if rota is None:
        return redirect("rota_list")
    messages.success(request, _("The rota is created: add its periods."))
    return redirect("rota_detail", rota_id=rota.pk)


def _detail(
    request: AuthedRequest, rota: Rota, form: RotaForm, period_form: RotaPeriodForm
) -> HttpResponse:
    context = {
        "rota": rota,
        "form": form,
        "period_form": period_form,
        "periods": rota.periods.select_related("holder"),
    }
    return render(request, "planning/rota_detail.html", context)


@require_perm(Perm.PLANNING_EDIT)
def rota_detail(request: AuthedRequest, rota_id: int) -> HttpResponse:
    """The rota's name and members (posted here), and its periods."""
    principal = principal_of(request)
    rota = queries.get_rota(principal, rota_id)
    team = _team(rota.site)
    form = RotaForm(request.POST or None, instance=rota, team=team)
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            rota_actions.update_rota(
                rota,
                name=form.cleaned_data["name"],
                members=form.cleaned_data["members"],
                by=principal,
            )
            messages.success(request, _("The rota is saved."))
            return redirect("rota_detail", rota_id=rota.pk)
    if request.method == "GET":
        audit.record(AuditAction.VIEW, principal=principal, obj=rota)
    else:
        rota.refresh_from_db(fields=["name"])  # a refused edit must not show as saved
    return _detail(request, rota, form, RotaPeriodForm(rota=rota))


def _save_period(
    request: AuthedRequest, form: RotaPeriodForm, write: Callable[..., RotaPeriod], done: str
) -> HttpResponse | None:
    """Calls the action with the form's period; back to the rota, or None to show the errors."""
    if not form.is_valid():
        return None
    data = {name: form.cleaned_data[name] for name in ("start", "end", "holder", "weekend")}
    with errors_onto(form):
        period = write(by=principal_of(request), **data)
        messages.success(request, done)
        return redirect("rota_detail", rota_id=period.rota_id)
    return None


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def rota_period_add(request: AuthedRequest, rota_id: int) -> HttpResponse:
    principal = principal_of(request)
    rota = queries.get_rota(principal, rota_id)
    form = RotaPeriodForm(request.POST, rota=rota)
    saved = _save_period(
        request,
        form,
        lambda **data: rota_actions.add_rota_period(rota, **data),
        _("The period is added."),
    )
    if saved is not None:
        return saved
    team = _team(rota.site)
    return _detail(request, rota, RotaForm(instance=rota, team=team), form)


@require_perm(Perm.PLANNING_EDIT)
def rota_period_edit(request: AuthedRequest, rota_id: int, period_id: int) -> HttpResponse:
    principal = principal_of(request)
    rota = queries.get_rota(principal, rota_id)
    period = queries.get_rota_period(rota, period_id)
    form = RotaPeriodForm(request.POST or None, instance=period, rota=rota)
    if request.method == "POST":
        saved = _save_period(
            request,
            form,
            lambda **data: rota_actions.change_rota_period(period, **data),
            _("The period is saved."),
        )
        if saved is not None:
            return saved
    else:
        audit.record(AuditAction.VIEW, principal=principal, obj=period, site_id=rota.site_id)
    context = {"rota": rota, "period": period, "form": form}
    return render(request, "planning/rota_period_form.html", context)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def rota_period_remove(request: AuthedRequest, rota_id: int, period_id: int) -> HttpResponse:
    principal = principal_of(request)
    rota = queries.get_rota(principal, rota_id)
    period = queries.get_rota_period(rota, period_id)
    rota_actions.remove_rota_period(period, by=principal)
    messages.success(request, _("The period is removed."))
    return redirect("rota_detail", rota_id=rota.pk)
