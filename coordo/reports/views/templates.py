"""Report templates: the shipped ones to copy, a site's own, and editing their sections."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, flash_form_errors, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.reports import actions, queries
from coordo.reports.forms import (
    CopyForm,
    MoveForm,
    ReportPeriodForm,
    SectionEditForm,
    SectionForm,
    TemplateForm,
    default_period,
)
from coordo.reports.indicators import indicators
from coordo.reports.shipped import BY_KEY, SHIPPED
from coordo.web.posting import apply_posted_form, errors_onto, save_posted_form
from coordo.web.sites import current_site


@require_perm(Perm.REPORTS_VIEW)
def reports_home(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.REPORTS_VIEW)
    context = {
        "site": site,
        "templates": queries.templates_visible_to(principal).filter(site=site),
        "shipped": SHIPPED,
        "archive": queries.reports_visible_to(principal).filter(site=site)[:20],
        "can_edit": principal.can(Perm.REPORTS_EDIT, site.pk),
        "catalogue": indicators(),
    }
    return render(request, "reports/home.html", context)


@require_POST
@require_perm(Perm.REPORTS_EDIT)
def shipped_copy(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.REPORTS_EDIT)
    key = request.POST.get("key", "")
    if key not in BY_KEY:
        raise Http404
    template = actions.copy_shipped_template(key, site=site, by=principal_of(request))
    messages.success(request, _("The template was copied to your site: edit it as you need."))
    return redirect("report_template", template.pk)


@require_perm(Perm.REPORTS_VIEW)
def template_detail(request: AuthedRequest, template_id: int) -> HttpResponse:
    """The report previewed over a period, exact, and the button to generate its files."""
    principal = principal_of(request)
    template = queries.get_template(principal, template_id)
    start, end = default_period(template, timezone.localdate())
    form = ReportPeriodForm(request.GET or {"start": start, "end": end})
    context = {
        "template": template,
        "form": form,
        "archive": queries.reports_of_template(principal, template)[:20],
        "can_edit": principal.can(Perm.REPORTS_EDIT, template.site_id),
        "copy_form": CopyForm(
            initial={"title": _("Copy of %(title)s") % {"title": template.title}}
        ),
    }
    if not form.is_valid():
        return render(request, "reports/template_detail.html", context, status=400)
    data = form.cleaned_data
    context["content"] = queries.template_content(
        template, data["start"], data["end"], funder=data["funder_version"]
    )
    return render(request, "reports/template_detail.html", context)


@require_POST
@require_perm(Perm.REPORTS_EDIT)
def template_copy(request: AuthedRequest, template_id: int) -> HttpResponse:
    principal = principal_of(request)
    template = queries.get_template(principal, template_id, Perm.REPORTS_EDIT)
    form = CopyForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("report_template", template.pk)
    copy = actions.copy_template(template, title=form.cleaned_data["title"], by=principal)
    messages.success(request, _("Template copied."))
    return redirect("report_template_edit", copy.pk)


@require_perm(Perm.REPORTS_EDIT)
def template_edit(request: AuthedRequest, template_id: int) -> HttpResponse:
    """The template's settings and its sections: add, change, remove, reorder."""
    principal = principal_of(request)
    template = queries.get_template(principal, template_id, Perm.REPORTS_EDIT)
    initial = {
        "title": template.title,
        "period_kind": template.period_kind,
        "funder_year_start": template.funder_year_start,
    }
    posted = request.method == "POST"
    form = TemplateForm(
        request.POST if posted and "title" in request.POST and "kind" not in request.POST else None,
        initial=initial,
    )
    section_form = SectionForm(request.POST if posted and "kind" in request.POST else None)
    if posted and form.is_bound:
        write = lambda **data: actions.update_template(template, by=principal, **data)  # noqa: E731
        if save_posted_form(request, form, write, _("Template saved.")):
            return redirect("report_template_edit", template.pk)
    if posted and section_form.is_bound and section_form.is_valid():
        with errors_onto(section_form):
            actions.add_section(template, by=principal, **section_form.cleaned_data)
            messages.success(request, _("Section added."))
            return redirect("report_template_edit", template.pk)
    sections = [
        (
            s,
            SectionEditForm(
                initial={
                    "title": s.title,
                    "indicators": s.indicators,
                    "breakdown": s.breakdown,
                    "text": s.text,
                },
                prefix=f"s{s.pk}",
            ),
        )
        for s in queries.sections_of(template)
    ]
    context = {
        "template": template,
        "form": form,
        "section_form": section_form,
        "sections": sections,
    }
    status = 400 if posted else 200
    return render(request, "reports/template_edit.html", context, status=status)


@require_POST
@require_perm(Perm.REPORTS_EDIT)
def section_edit(request: AuthedRequest, section_id: int) -> HttpResponse:
    principal = principal_of(request)
    section = queries.get_section(principal, section_id)
    form = SectionEditForm(request.POST, prefix=f"s{section.pk}")
    apply_posted_form(request, form, partial(actions.update_section, section), _("Section saved."))
    return redirect("report_template_edit", section.template_id)


@require_POST
@require_perm(Perm.REPORTS_EDIT)
def section_move(request: AuthedRequest, section_id: int) -> HttpResponse:
    principal = principal_of(request)
    section = queries.get_section(principal, section_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        actions.move_section(section, up=form.cleaned_data["direction"] == "up", by=principal)
    return redirect("report_template_edit", section.template_id)


@require_POST
@require_perm(Perm.REPORTS_EDIT)
def section_remove(request: AuthedRequest, section_id: int) -> HttpResponse:
    principal = principal_of(request)
    section = queries.get_section(principal, section_id)
    template_id = section.template_id
    actions.remove_section(section, by=principal)
    messages.success(request, _("Section removed."))
    return redirect("report_template_edit", template_id)
