from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.access.ids import RecordsChoiceField, parse_id
from coordo.disclosure import Period, whole_periods
from coordo.housing.actions.closures import BACK_BEFORE_OUT
from coordo.housing.actions.inventory import BUILDING_FIELDS, UNIT_FIELDS
from coordo.housing.models import (
    Building,
    Destination,
    ExitReason,
    Priority,
    Unit,
    UnitClosure,
)
from coordo.people.models import Household, Person
from coordo.web.periods import DayField

DATE = forms.DateInput(attrs={"type": "date"})


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = list(BUILDING_FIELDS)  # what the action writes


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = list(UNIT_FIELDS)  # what the action writes
        field_classes = {"in_service_from": DayField, "out_of_service_from": DayField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Named on the field, before the model's constraint answers with a generic message.
        capacity = self.fields["capacity"]
        capacity.validators.append(MinValueValidator(1))
        capacity.widget.attrs["min"] = 1
        # Left empty, a new unit is in service from today; an existing one keeps its date.
        self.fields["in_service_from"].required = False

    def clean_in_service_from(self) -> date:
        day: date | None = self.cleaned_data.get("in_service_from")
        if day is not None:
            return day
        return self.instance.in_service_from if self.instance.pk else timezone.localdate()


class ClosureForm(forms.ModelForm):
    class Meta:
        model = UnitClosure
        fields = ["start", "end", "reason"]
        field_classes = {"start": DayField, "end": DayField}

    def clean(self) -> dict[str, Any]:
        # Named on its field, before the model's constraint answers with a generic message.
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", BACK_BEFORE_OUT)
        return data


class WhoForm(forms.Form):
    """Either a registered household (everyone in it) or one person alone."""

    household = forms.ModelChoiceField(
        label=_("Household"),
        queryset=Household.objects.none(),
        required=False,
        help_text=_("Everyone in the household is admitted together."),
    )
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


def _sent_back_with(fields: str) -> dict[str, Any]:
    """htmx: on change, the admit form comes back redrawn with `fields` as filled in."""
    return {
        "hx-get": reverse_lazy("stay_admit"),
        "hx-include": fields,
        "hx-target": "closest form",
        "hx-swap": "outerHTML",
        "hx-trigger": "change",
    }


class AdmitForm(WhoForm):
    members = RecordsChoiceField(
        label=_("Members admitted"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a member who sleeps elsewhere; none ticked admits everyone."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    start = DayField(label=_("Entry date"))
    planned_end = forms.DateField(label=_("Planned end"), widget=DATE, required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], today: date, focus: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        limit_choices(self, "unit", units)
        # Tonight at the earliest: a night gone by is not a place one can give.
        self.fields["start"].widget.attrs["min"] = today.isoformat()
        if focus:  # opened from the board or a link: the first field, ready to type
            self.fields["household"].widget.attrs["autofocus"] = True
        # A new date changes who has no place yet: the lists follow it.
        self.fields["start"].widget.attrs.update(
            _sent_back_with("#id_household, #id_person, #id_unit, #id_planned_end")
        )
        # The members to tick are those of the household chosen (posted, or picked via htmx).
        chosen = self.data.get("household") or self.initial.get("household") or 0
        members = self.person_choices.filter(memberships__household_id=parse_id(chosen) or 0)
        limit_choices(self, "members", members)
        self.fields["members"].initial = ticked = list(members)
        if not ticked:  # no household picked yet: nothing to tick
            self.fields["members"].widget = forms.MultipleHiddenInput()
        self.fields["household"].widget.attrs.update(
            _sent_back_with("#id_unit, #id_start, #id_planned_end")
        )

    @staticmethod
    def night_asked(data: Mapping[str, Any], today: date) -> date:
        """The entry night the lists are drawn for: the one asked, never before tonight."""
        try:
            asked = DayField(required=False).clean(data.get("start"))
        except forms.ValidationError:
            asked = None
        return max(asked or today, today)

    def clean_start(self) -> date:
        start: date = self.cleaned_data["start"]
        if start < self.today:
            raise forms.ValidationError(
                _("This night has passed: choose tonight or a later night."), code="past"
            )
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["members"] = list(data.get("members") or []) or None
        return data


class BoardForm(forms.Form):
    """The board's first night: a plausible day, not any date a URL may hold."""

    start = DayField(label=_("From"), required=False)


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
        label=_("Persons to house"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("Leave empty to count the household's members."),
    )
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


YEARS_OFFERED = 10


def last_ended_month(today: date) -> Period:
    return Period.parse(f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}")


def _period_label(period: Period) -> str:
    code = period.code
    if len(code) == 4:
        return code
    if "Q" in code:
        return str(_("%(year)s, quarter %(quarter)s") % {"year": code[:4], "quarter": code[-1]})
    return date_format(period.start, "F Y")


def period_choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The whole periods that have ended, by year, newest first: the year, its quarters, its months."""
    groups = []
    for year in range(today.year, today.year - YEARS_OFFERED, -1):
        periods = whole_periods(year)
        ended = [
            p
            for p in [periods[-1], *reversed(periods[12:16]), *reversed(periods[:12])]
            if p.end <= today
        ]
        if ended:
            groups.append((str(year), [(p.code, _period_label(p)) for p in ended]))
    return groups


class WholePeriodForm(forms.Form):
    """The period of a funder's or researcher's figures: a whole month, quarter or year that
    has ended, never free dates (two overlapping windows subtracted would tell a few nights).
    A link with `start` and `end` still works when they bound such a period."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    # Bounded first (coordo.web.periods), then held to a whole period that has ended.
    start = DayField(label=_("From"), required=False, widget=forms.HiddenInput)
    end = DayField(label=_("Until (excluded)"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = period_choices(today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if data.get("period"):
            data["whole"] = Period.parse(data["period"])
        elif start and end:
            whole = Period.whole(start, end)
            if whole is None:
                field = "start" if start.day != 1 else "end"
                self.add_error(
                    field,
                    _(
                        "Aggregates cover whole months, quarters or years only: choose one in “Period”."
                    ),
                )
            elif whole.end > self.today:
                self.add_error(
                    "end", _("This period has not ended yet: its figures would still change.")
                )
            else:
                data["whole"] = whole
        elif not self.errors:
            self.add_error("period", _("Choose a period."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns: building, address, confidential, unit, kind, capacity, "
            "women_only, family, accessible."
        ),
    )
    only_valid_rows = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_("Unticked, nothing is written while any row has an error."),
    )
