"""A site's team and recurring slots: list them, add a worker or a shift template."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, flash_form_errors, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.planning.actions import add_template, add_worker, change_planning_settings
from coordo.planning.forms import PlanningSettingsForm, TemplateForm, WorkerForm
from coordo.planning.public_holidays import public_holidays
from coordo.planning.queries import closes_on_public_holidays, site_team, site_templates
from coordo.web.posting import saved_or_flashed
from coordo.web.sites import current_site

HOLIDAYS_AHEAD = 365  # days of public holidays the setup page lists


@require_perm(Perm.PLANNING_EDIT)
def planning_setup(request: AuthedRequest) -> HttpResponse:
    principal, site = principal_of(request), current_site(request, Perm.PLANNING_EDIT)
    today = timezone.localdate()
    audit.record(
        AuditAction.LIST, principal=principal, object_type="planning.worker", site_id=site.pk
    )
    context = {
        "site": site,
        "workers": site_team(site),
        "templates": site_templates(site),
        "worker_form": WorkerForm(),
        "template_form": TemplateForm(),
        "settings_form": PlanningSettingsForm(
            initial={"closed_on_public_holidays": closes_on_public_holidays(site.pk)}
        ),
        "holidays": public_holidays(today, today + timedelta(days=HOLIDAYS_AHEAD)),
    }
    return render(request, "planning/setup.html", context)


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def worker_create(request: AuthedRequest) -> HttpResponse:
    return _add_to_setup(request, WorkerForm(request.POST), add_worker, _("The worker is added."))


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def template_create(request: AuthedRequest) -> HttpResponse:
    form = TemplateForm(request.POST)
    return _add_to_setup(
        request,
        form,
        # The form's fields are on its instance already.
        lambda site, by, **_fields: add_template(form.save(commit=False), site=site, by=by),
        _("The slot is added; new drafts will include it."),
    )


def _add_to_setup(
    request: AuthedRequest, form: forms.BaseForm, add: Callable[..., object], done: str
) -> HttpResponse:
    """The setup page's small forms: `add(site=, by=, **cleaned_data)`, then back to the page,
    the errors (the action's on their field too) as messages."""

    def write(**data: object) -> object:
        return add(site=current_site(request, Perm.PLANNING_EDIT), by=principal_of(request), **data)

    saved_or_flashed(request, form, write, done)
    return redirect("planning_setup")


@require_POST
@require_perm(Perm.PLANNING_EDIT)
def planning_settings(request: AuthedRequest) -> HttpResponse:
    form = PlanningSettingsForm(request.POST)
    if form.is_valid():
        change_planning_settings(
            current_site(request, Perm.PLANNING_EDIT), by=principal_of(request), **form.cleaned_data
        )
        if form.cleaned_data["closed_on_public_holidays"]:
            done = _("Saved: new drafts plan no shift on public holidays.")
        else:
            done = _("Saved: public holidays are planned like other days.")
        messages.success(request, done)
    flash_form_errors(request, form)
    return redirect("planning_setup")
