"""Report templates: copy a shipped or an existing one, edit it, add, remove and reorder sections."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.reports.indicators import indicators
from coordo.reports.models import ReportSection, ReportTemplate, SectionKind
from coordo.reports.shipped import BY_KEY

UNKNOWN_INDICATOR = _("This indicator does not exist.")
NO_SUCH_BREAKDOWN = _("None of the indicators chosen can be broken down this way.")
NEEDS_INDICATOR = _("Choose at least one indicator for this kind of section.")


@transaction.atomic
def copy_shipped_template(key: str, *, site: Site, by: Principal) -> ReportTemplate:
    """A shipped template, copied to `site` for its coordinators to edit."""
    by.require(Perm.REPORTS_EDIT, site.pk)
    shipped = BY_KEY[key]
    template = ReportTemplate.objects.create(
        organisation_id=site.organisation_id,
        site=site,
        title=str(shipped.title),
        period_kind=shipped.period_kind,
        shipped=key,
        created_by_id=by.user_id,
    )
    ReportSection.objects.bulk_create(
        ReportSection(
            organisation_id=site.organisation_id,
            template=template,
            position=position,
            kind=section.kind,
            title=str(section.title),
            indicators=list(section.indicators),
            breakdown=section.breakdown,
            text=str(section.text),
        )
        for position, section in enumerate(shipped.sections, start=1)
    )
    audit.record(AuditAction.CREATE, principal=by, obj=template)
    return template


@transaction.atomic
def copy_template(source: ReportTemplate, *, title: str, by: Principal) -> ReportTemplate:
    by.require(Perm.REPORTS_EDIT, source.site_id)
    sections = list(source.sections.order_by("position", "id"))
    others = list(source.other_sites.all())
    copy = ReportTemplate.objects.create(
        organisation_id=source.organisation_id,
        site_id=source.site_id,
        title=title,
        period_kind=source.period_kind,
        funder_year_start=source.funder_year_start,
        shipped=source.shipped,
        created_by_id=by.user_id,
    )
    copy.other_sites.set(others)
    ReportSection.objects.bulk_create(
        ReportSection(
            organisation_id=s.organisation_id,
            template=copy,
            position=s.position,
            kind=s.kind,
            title=s.title,
            indicators=s.indicators,
            breakdown=s.breakdown,
            text=s.text,
        )
        for s in sections
    )
    audit.record(AuditAction.CREATE, principal=by, obj=copy)
    return copy


@transaction.atomic
def update_template(
    template: ReportTemplate, *, title: str, period_kind: str, funder_year_start: int, by: Principal
) -> ReportTemplate:
    by.require(Perm.REPORTS_EDIT, template.site_id)
    template.title, template.period_kind = title, period_kind
    template.funder_year_start = funder_year_start
    template.full_clean()
    return writes.save_changed(
        template, by=by, fields=["title", "period_kind", "funder_year_start"]
    )


def _check_section(kind: str, codes: list[str], breakdown: str) -> None:
    known = {indicator.code: indicator for indicator in indicators()}
    if any(code not in known for code in codes):
        raise ValidationError({"indicators": UNKNOWN_INDICATOR})
    if kind != SectionKind.NARRATIVE and not codes:
        raise ValidationError({"indicators": NEEDS_INDICATOR})
    if breakdown and not any(breakdown in known[code].breakdowns for code in codes):
        raise ValidationError({"breakdown": NO_SUCH_BREAKDOWN})


@transaction.atomic
def add_section(
    template: ReportTemplate,
    *,
    kind: str,
    title: str,
    indicators: list[str],
    breakdown: str = "",
    text: str = "",
    by: Principal,
) -> ReportSection:
    by.require(Perm.REPORTS_EDIT, template.site_id)
    ReportTemplate.objects.select_for_update().get(pk=template.pk)  # one position each
    _check_section(kind, indicators, breakdown)
    last = template.sections.aggregate(last=Max("position"))["last"] or 0
    section = ReportSection(
        organisation_id=template.organisation_id,
        template=template,
        position=last + 1,
        kind=kind,
        title=title,
        indicators=indicators,
        breakdown=breakdown,
        text=text,
    )
    writes.save_new(section, by=by, site_id=template.site_id)
    return section


@transaction.atomic
def update_section(
    section: ReportSection,
    *,
    title: str,
    indicators: list[str],
    breakdown: str,
    text: str,
    by: Principal,
) -> ReportSection:
    by.require(Perm.REPORTS_EDIT, section.template.site_id)
    _check_section(section.kind, indicators, breakdown)
    section.title, section.indicators = title, indicators
    section.breakdown, section.text = breakdown, text
    section.full_clean()
    return writes.save_changed(
        section,
        by=by,
        fields=["title", "indicators", "breakdown", "text"],
        site_id=section.template.site_id,
    )


@transaction.atomic
def remove_section(section: ReportSection, *, by: Principal) -> None:
    site_id = section.template.site_id
    by.require(Perm.REPORTS_EDIT, site_id)
    writes.delete_audited(section, by=by, site_id=site_id)


@transaction.atomic
def move_section(section: ReportSection, *, up: bool, by: Principal) -> None:
    """Swap the section with the one before (`up`) or after it."""
    template = section.template
    by.require(Perm.REPORTS_EDIT, template.site_id)
    ReportTemplate.objects.select_for_update().get(pk=template.pk)
    ordered = list(template.sections.order_by("position", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    ReportSection.objects.bulk_update(ordered, ["position"])
    audit.record(AuditAction.UPDATE, principal=by, obj=template)
