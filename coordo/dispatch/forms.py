from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.access.ids import RecordsChoiceField
from coordo.dispatch.actions import could_be_pregnant
from coordo.dispatch.models import (
    OverrideReason,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
    VulnerabilityFlag,
)
from coordo.people.models import Household
from coordo.web.periods import MonthField


class ArrivalForm(forms.Form):
    household = forms.ModelChoiceField(
        label=_("Household"),
        queryset=Household.objects.none(),
        help_text=_("Register the household in People first."),
    )
    registered = forms.DateField(
        label=_("Registered on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, households: QuerySet[Household], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "household", households)


class SocialScreeningForm(forms.ModelForm):
    flags = forms.MultipleChoiceField(
        label=_("Vulnerabilities"),
        choices=VulnerabilityFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pregnancy_confirmed = forms.BooleanField(
        label=_("Confirm the pregnancy flag"),
        required=False,
        help_text=_(
            "Needed only when nobody in the household is recorded as a woman of childbearing age."
        ),
    )

    class Meta:
        model = SocialScreening
        fields = [
            "school_language",
            "region",
            "family_centre",
            "excluded_centres",
            "flags",
            "pregnancy_confirmed",
            "women_only",
            "unaccompanied_minor",
        ]
        widgets = {"excluded_centres": forms.CheckboxSelectMultiple}
        field_classes = {"excluded_centres": RecordsChoiceField}

    def __init__(
        self, *args: Any, centres: QuerySet[ReceptionCentre], household: Household, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "family_centre", centres)
        limit_choices(self, "excluded_centres", centres)
        # A flag confirmed when it was saved stays confirmed when the screening is edited.
        flagged = VulnerabilityFlag.PREGNANT in (self.instance.flags or [])
        if flagged and not could_be_pregnant(household, timezone.localdate()):
            self.fields["pregnancy_confirmed"].initial = True


class MedicalScreeningForm(forms.Form):
    details = forms.CharField(
        label=_("Medical details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the medical team only; the dispatcher sees the needs below."),
    )
    needs_medical = forms.BooleanField(label=_("Needs a medical place"), required=False)
    needs_accessible = forms.BooleanField(label=_("Needs reduced-mobility access"), required=False)


class FreePlacesForm(forms.Form):
    # Bounded as the column (a small integer); the action checks it against the unit's beds.
    free = forms.IntegerField(label=_("Free beds"), min_value=0, max_value=32767)


class NetworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("Free places file (CSV or XLSX)"),
        help_text=_(
            "Columns: centre, unit, kind, beds, free, women_only, medical, accessible, minors."
        ),
    )


class UnitChoiceField(forms.ModelChoiceField):
    """Units labelled by the caller (free beds, whether they suit), by unit code."""

    labels: dict[str, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        return self.labels.get(obj.code, obj.code)


class OverrideForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit instead"),
        queryset=ReceptionUnit.objects.none(),
        required=False,
        empty_label=_("No place today (waiting list)"),
        help_text=_("Free beds once the other proposals of this batch are placed."),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"), choices=[("", "---------"), *OverrideReason.choices]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[ReceptionUnit],
        choices: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        """`choices`: (unit code, label) in the order the list shows them."""
        super().__init__(*args, **kwargs)
        order = Case(*(When(code=code, then=n) for n, (code, _label) in enumerate(choices)))
        field = self.fields["unit"]
        field.queryset = units.filter(code__in=[c for c, _l in choices]).order_by(order)  # type: ignore[attr-defined]
        field.labels = dict(choices)  # type: ignore[attr-defined]


class MonthForm(forms.Form):
    """A month of decided batches, written 2026-11 (this month when none)."""

    month = MonthField(label=_("Month"), required=False)
