"""The reports' forms: the period of a report, a template's settings, a section."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordo.reports.indicators import BREAKDOWNS, indicators
from coordo.reports.models import PeriodKind, ReportTemplate, SectionKind
from coordo.web.periods import PeriodForm


def default_period(template: ReportTemplate, today: date) -> tuple[date, date]:
    """The last whole period of the template's kind that has ended."""
    if template.period_kind == PeriodKind.QUARTER:
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        months = first.year * 12 + first.month - 1 - 3
        return date(months // 12, months % 12 + 1, 1), first
    if template.period_kind == PeriodKind.FUNDER_YEAR:
        start_month = template.funder_year_start
        year = today.year if today.month >= start_month else today.year - 1
        end = date(year, start_month, 1)
        return date(end.year - 1, start_month, 1), end
    return date(today.year - 1, 1, 1), date(today.year, 1, 1)


class ReportPeriodForm(PeriodForm):
    funder_version = forms.BooleanField(
        label=_("Funders' version (disclosure control)"), required=False
    )


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    funder_year_start = forms.IntegerField(
        label=_("First month of the funder's year"), min_value=1, max_value=12, initial=1
    )


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the copy"), max_length=200)


def indicator_choices() -> list[tuple[str, str]]:
    return [(i.code, f"{i.label} ({i.unit_label})") for i in indicators()]


def breakdown_choices() -> list[tuple[str, Any]]:
    return [("", _("No breakdown")), *BREAKDOWNS.items()]


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SectionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False)
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicator_choices()  # type: ignore[attr-defined]
        self.fields["breakdown"].choices = breakdown_choices()  # type: ignore[attr-defined]


class SectionEditForm(SectionForm):
    """A section's kind stays what it was; its content changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
