from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.access.ids import RecordsChoiceField
from coordo.access.languages import language_choices
from coordo.casework.models import (
    Appointment,
    CaseMeeting,
    Goal,
    Level,
    MeetingAction,
    Note,
    Outcome,
    Referral,
    ReferralStatus,
    RequestKind,
    Urgency,
)
from coordo.partners.models import Service
from coordo.people.models import Person, validate_birth_year
from coordo.web.periods import DayField


class FrontDeskForm(forms.Form):
    """One screen at the desk: find the person or type a new one, then what she asks for."""

    person = forms.ModelChoiceField(
        label=_("Person found"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        min_value=1900,
        max_value=2100,
        validators=[validate_birth_year],
        required=False,
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different person: create anyway"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of request"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.ACCOMMODATION,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.NORMAL,
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "person", persons)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("— same as the desk —")), *language_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not (data.get("first_name") and data.get("last_name")):
            self.add_error("person", _("Choose the person found, or type a first and last name."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.partner} — {obj.name}"


class ReferralForm(forms.ModelForm):
    service = ServiceChoiceField(
        label=_("Service"), queryset=Service.objects.none(), required=False
    )

    class Meta:
        model = Referral
        fields = [
            "partner",
            "service",
            "reason",
            "urgency",
            "consent_given",
            "information_shared",
            "due_date",
        ]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, partners: QuerySet[Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("due_date", timezone.localdate() + timedelta(days=7))
        super().__init__(*args, **kwargs)
        limit_choices(self, "partner", partners.filter(is_active=True))
        limit_choices(
            self, "service", Service.objects.filter(partner__in=partners).select_related("partner")
        )
        # The consent is asked every time: the box is never ticked in advance.
        self.fields["consent_given"].required = True


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in ReferralStatus.choices if c[0] != ReferralStatus.SENT],
    )
    refusal_reason = forms.CharField(label=_("Reason for refusal"), max_length=250, required=False)


class WeekForm(forms.Form):
    """The calendar's week: any plausible day of it (this week when none)."""

    week = DayField(label=_("Week of"), required=False)


class PostponeForm(forms.Form):
    due_date = forms.DateField(
        label=_("Remind me on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class CloseCaseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for closing"), max_length=250)


class ReopenCaseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=250)


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["domain", "description", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"})}


class GoalProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["starts_at", "purpose", "place", "partner"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args: Any, partners: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "partner", partners)


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["level", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, levels: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        assert isinstance(level, forms.TypedChoiceField)
        level.choices = [c for c in Level.choices if c[0] in levels]


class LowerLevelForm(forms.Form):
    level = forms.TypedChoiceField(label=_("New level"), choices=Level.choices, coerce=int)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG, PNG, DOCX or ODT, at most 10 MB.")
    )


class MeetingForm(forms.ModelForm):
    persons = RecordsChoiceField(
        label=_("Persons discussed"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = CaseMeeting
        fields = ["held_on", "participants", "persons"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "participants": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "persons", persons)


class MeetingActionForm(forms.ModelForm):
    class Meta:
        model = MeetingAction
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
