from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.ids import MAX_ID, RecordsChoiceField
from coordo.access.models import User
from coordo.incidents.catalogue import (
    FAMILY_OF,
    Family,
    GbvContext,
    IncidentType,
    Severity,
    grouped_types,
)
from coordo.incidents.models import Incident, InvolvementRole, Place, Status, SupportKind
from coordo.people.models import Person
from coordo.web.periods import DayField

WHEN_FORMAT = "%Y-%m-%dT%H:%M"
WORKER_TYPES = [("", "—")] + [
    (t.value, t.label) for t in IncidentType if FAMILY_OF[t] == Family.WORKER
]


class ReportForm(forms.Form):
    """One page, for a phone: what, when, where, how serious, who, what was done."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    type = forms.ChoiceField(label=_("What kind of incident"))
    severity = forms.TypedChoiceField(
        label=_("How serious"), choices=Severity.choices, coerce=int, widget=forms.RadioSelect
    )
    occurred_at = forms.DateTimeField(
        label=_("When"),
        input_formats=[WHEN_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WHEN_FORMAT),
    )
    place = forms.ChoiceField(label=_("Where in the house"), choices=Place.choices)
    narrative = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    gbv_context = forms.ChoiceField(
        label=_("Context (violence against a resident)"),
        choices=[("", "—"), *GbvContext.choices],
        required=False,
        help_text=_("Who the author is to the victim."),
    )
    victim_is_me = forms.BooleanField(label=_("I was the one targeted"), required=False)
    victim_person = forms.ModelChoiceField(
        label=_("Victim (person served)"), queryset=Person.objects.none(), required=False
    )
    victim = forms.CharField(label=_("Victim"), max_length=250, required=False)
    author_person = forms.ModelChoiceField(
        label=_("Author (person served)"), queryset=Person.objects.none(), required=False
    )
    author = forms.CharField(
        label=_("Author"),
        max_length=250,
        required=False,
        help_text=_("A description when unknown or from outside."),
    )
    witness = forms.CharField(label=_("Witnesses"), max_length=250, required=False)
    first_aid = forms.BooleanField(label=_("First aid"), required=False)
    police = forms.BooleanField(label=_("Police called"), required=False)
    ambulance = forms.BooleanField(label=_("Ambulance called"), required=False)
    asked_to_leave = forms.BooleanField(label=_("Person asked to leave"), required=False)
    informed = forms.CharField(label=_("Who was informed"), max_length=250, required=False)

    def __init__(self, *args: Any, persons: QuerySet[Person] | None = None, **kwargs: Any):
        kwargs.setdefault(
            "initial",
            {
                "key": uuid.uuid4(),
                "occurred_at": timezone.localtime().replace(second=0, microsecond=0),
            },
        )
        super().__init__(*args, **kwargs)
        type_field = self.fields["type"]
        assert isinstance(type_field, forms.ChoiceField)
        type_field.choices = [("", "—"), *grouped_types()]
        if persons is None:  # who cannot read the site's persons describes them
            del self.fields["victim_person"], self.fields["author_person"]
        else:
            for name in ("victim_person", "author_person"):
                field = self.fields[name]
                assert isinstance(field, forms.ModelChoiceField)
                field.queryset = persons


class InvolvementForm(forms.Form):
    """Someone involved, added after the report: a person of the site, a worker, or words."""

    role = forms.ChoiceField(label=_("Involved as"), choices=InvolvementRole.choices)
    person = forms.ModelChoiceField(
        label=_("Person served"), queryset=Person.objects.none(), required=False
    )
    user = forms.ModelChoiceField(label=_("Worker"), queryset=User.objects.none(), required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=250,
        required=False,
        help_text=_("When unknown or from outside."),
    )

    def __init__(
        self,
        *args: Any,
        persons: QuerySet[Person] | None,
        members: QuerySet[User],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if persons is None:  # who cannot read the site's persons describes them
            del self.fields["person"]
        for name, rows in (("person", persons), ("user", members)):
            field = self.fields.get(name)
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = rows


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class FollowUpActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due = DayField(label=_("Due date"))

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners


class DeclarationForm(forms.Form):
    """A worker's declaration for the register: her explicit choice to be named or not."""

    NAMED, ANONYMOUS = "named", "anonymous"

    occurred_at = forms.DateTimeField(
        label=_("When"),
        input_formats=[WHEN_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WHEN_FORMAT),
    )
    type = forms.ChoiceField(label=_("What kind of act"), choices=WORKER_TYPES)
    description = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    identity = forms.ChoiceField(
        label=_("Your name in the register"),
        choices=[
            (NAMED, _("Write my name in the register")),
            (ANONYMOUS, _("Do not write my name: nothing links the declaration to me")),
        ],
        help_text=_(
            "Without your name, the register keeps the day of your declaration, not its time."
        ),
        widget=forms.RadioSelect,
    )
    incident = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class DebriefingForm(forms.Form):
    held_on = DayField(label=_("Date"))
    incidents = RecordsChoiceField(label=_("Incidents"), queryset=Incident.objects.none())
    participants = RecordsChoiceField(
        label=_("Participants"), queryset=User.objects.none(), required=False
    )
    what_happened = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    what_helped = forms.CharField(
        label=_("What helped"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_to_change = forms.CharField(
        label=_("What to change"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, incidents: QuerySet[Incident], members: QuerySet[User], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for name, queryset in (("incidents", incidents), ("participants", members)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset


class SupportOfferForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=User.objects.none())
    kind = forms.ChoiceField(label=_("Follow-up offered"), choices=SupportKind.choices)

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members


class EscalationSettingsForm(forms.Form):
    always_escalate = forms.MultipleChoiceField(
        label=_("Types that always alert the person on call, whatever the severity"),
        choices=IncidentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
