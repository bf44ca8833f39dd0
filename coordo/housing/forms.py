from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.housing.actions.closures import BACK_BEFORE_OUT
from coordo.housing.models import (
    Building,
    Destination,
    ExitReason,
    Priority,
    Unit,
    UnitClosure,
)
from coordo.people.models import Household, Person

DATE = forms.DateInput(attrs={"type": "date"})


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "address", "confidential"]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "capacity", "women_only", "family", "accessible"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Named on the field, before the model's constraint answers with a generic message.
        capacity = self.fields["capacity"]
        capacity.validators.append(MinValueValidator(1))
        capacity.widget.attrs["min"] = 1


class ClosureForm(forms.ModelForm):
    class Meta:
        model = UnitClosure
        fields = ["start", "end", "reason"]
        widgets = {"start": DATE, "end": DATE}

    def clean(self) -> dict[str, Any]:
        # Named on its field, before the model's constraint answers with a generic message.
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", BACK_BEFORE_OUT)
        return data


class WhoForm(forms.Form):
    """Either a registered household (everyone in it) or one person alone."""

    household = forms.ModelChoiceField(
        label=_("Household"), queryset=Household.objects.none(), required=False,
        help_text=_("Everyone in the household is admitted together."),
    )  # fmt: skip
    person = forms.ModelChoiceField(
        label=_("Or a person alone"), queryset=Person.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, households: QuerySet[Household], persons: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person_choices = persons
        limit_choices(self, "household", households)
        limit_choices(self, "person", persons)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        household, person = data.get("household"), data.get("person")
        if bool(household) == bool(person):
            raise forms.ValidationError(_("Choose a household or a person, not both."))
        data["head"] = household.head if household else person
        if household is not None and household.head is None:
            raise forms.ValidationError(_("This household has no head of household."))
        return data


class AdmitForm(WhoForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Members admitted"), queryset=Person.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a member who sleeps elsewhere; none ticked admits everyone."),
    )  # fmt: skip
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    start = forms.DateField(label=_("Entry date"), widget=DATE)
    planned_end = forms.DateField(label=_("Planned end"), widget=DATE, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "unit", units)
        # The members to tick are those of the household chosen (posted, or picked via htmx).
        chosen = self.data.get("household") or self.initial.get("household") or 0
        members = self.person_choices.filter(
            memberships__household_id=int(chosen) if str(chosen).isdigit() else 0
        )
        limit_choices(self, "members", members)
        self.fields["members"].initial = ticked = list(members)
        if not ticked:  # no household picked yet: nothing to tick
            self.fields["members"].widget = forms.MultipleHiddenInput()
        self.fields["household"].widget.attrs.update(
            {"hx-get": reverse_lazy("stay_admit"),
             "hx-include": "#id_unit, #id_start, #id_planned_end",
             "hx-target": "closest form", "hx-swap": "outerHTML", "hx-trigger": "change"}
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["members"] = list(data.get("members") or []) or None
        return data


class MoveStayForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("New unit"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("Moving date"), widget=DATE)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "unit", units)


class EndStayForm(forms.Form):
    end = forms.DateField(label=_("Exit date"), widget=DATE)
    exit_reason = forms.ChoiceField(label=_("Exit reason"), choices=ExitReason.choices)
    destination = forms.ChoiceField(label=_("Destination"), choices=Destination.choices)


class PlaceRequestForm(WhoForm):
    requested_on = forms.DateField(label=_("Request date"), widget=DATE)
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)
    persons = forms.IntegerField(
        label=_("Persons to house"), min_value=1, max_value=20, required=False,
        help_text=_("Leave empty to count the household's members."),
    )  # fmt: skip
    needs_family_unit = forms.BooleanField(label=_("Needs a family unit"), required=False)
    needs_women_only = forms.BooleanField(label=_("Needs a women-only unit"), required=False)
    needs_accessible = forms.BooleanField(label=_("Needs an accessible unit"), required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OfferAnswerForm(forms.Form):
    ACCEPT, REFUSE = "accept", "refuse"
    decision = forms.ChoiceField(
        label=_("Answer"), choices=[(ACCEPT, _("Accepted")), (REFUSE, _("Refused"))]
    )
    on = forms.DateField(label=_("Date (entry date when accepted)"), widget=DATE)
    refusal_reason = forms.CharField(label=_("Reason for refusal"), max_length=250, required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until (excluded)"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: building, address, confidential, unit, kind, capacity, "
                    "women_only, family, accessible."),
    )  # fmt: skip
    only_valid_rows = forms.BooleanField(
        label=_("Import only the valid rows"), required=False,
        help_text=_("Unticked, nothing is written while any row has an error."),
    )  # fmt: skip
