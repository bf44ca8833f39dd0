from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.access.ids import RecordsChoiceField
from coordo.access.models import Site, User
from coordo.planning.models import (
    Absence,
    Rota,
    RotaPeriod,
    Shift,
    ShiftTemplate,
    SitePlanningSettings,
    WeekDay,
    WeeklyWindow,
    Worker,
    WorkerKind,
)
from coordo.web.fields import LanguagesField
from coordo.web.periods import DayField, MonthField, check_period


class DraftForm(forms.Form):
    month = MonthField(label=_("Month"))


class RunForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=10
    )


class AssignForm(forms.Form):
    workers = RecordsChoiceField(
        label=_("People on this shift"),
        queryset=Worker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accept_broken_rules = forms.BooleanField(
        label=_("I know this breaks a rule: save anyway"), required=False
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "workers", workers)


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["reason", "first_day", "last_day"]
        field_classes = {"first_day": DayField, "last_day": DayField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and first <= last:  # the model itself says when they are swapped
            check_period(self, "first_day", "last_day", end_excluded=False)
        return data


class WorkerDetailsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkerKind.choices)
    languages = LanguagesField(label=_("Languages"), size=5)
    female = forms.BooleanField(label=_("May work at women-only sites"), required=False)
    max_shifts_per_month = forms.IntegerField(
        label=_("Maximum shifts per month"), min_value=0, max_value=62
    )
    contract_hours = forms.IntegerField(
        label=_("Contract hours per week"), min_value=0, max_value=60, required=False
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("For a worker without an account: only their calendar link is sent there."),
    )


class WorkerForm(WorkerDetailsForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Available on"),
        choices=WeekDay.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.TimeField(
        label=_("From"), initial=time(9), widget=forms.TimeInput(attrs={"type": "time"})
    )
    available_to = forms.TimeField(
        label=_("To"), initial=time(18), widget=forms.TimeInput(attrs={"type": "time"})
    )


class WindowForm(forms.ModelForm):
    class Meta:
        model = WeeklyWindow
        fields = ["kind", "weekday", "start", "end"]
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class AccountForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Account"), queryset=User.objects.none())

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = User.objects.filter(memberships__site=site, is_active=True).distinct()
        field = self.fields["user"]
        field.queryset = members.order_by("full_name", "email")  # type: ignore[attr-defined]


class TemplateForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WeekDay.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    languages_any = LanguagesField(label=_("At least one person speaking one of"), size=5)

    class Meta:
        model = ShiftTemplate
        fields = ["weekdays", "start", "end", "required", "languages_any"]
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}),
            "end": forms.TimeInput(attrs={"type": "time"}),
        }


class SwapRequestForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=Worker.objects.none(),
        required=False,
        empty_label=_("Anyone of the team"),
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "colleague", colleagues)


class AcceptSwapForm(forms.Form):
    counter_shift = forms.ModelChoiceField(
        label=_("My shift in exchange"),
        queryset=Shift.objects.none(),
        required=False,
        empty_label=_("None: I just take it"),
    )

    def __init__(self, *args: Any, shifts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "counter_shift", shifts)


class RotaForm(forms.ModelForm):
    class Meta:
        model = Rota
        fields = ["name", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        field_classes = {"members": RecordsChoiceField}

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "members", team)


class RotaPeriodForm(forms.ModelForm):
    class Meta:
        model = RotaPeriod
        fields = ["start", "end", "holder", "weekend"]
        labels = {"holder": _("On call")}
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args: Any, rota: Rota, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "holder", rota.members.all())
        self.instance.rota = rota


class PlanningSettingsForm(forms.ModelForm):
    class Meta:
        model = SitePlanningSettings
        fields = ["closed_on_public_holidays"]
