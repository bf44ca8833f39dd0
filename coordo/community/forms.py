from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.access.ids import RecordsChoiceField
from coordo.access.languages import language_choices
from coordo.access.models import User
from coordo.community.actions.programme import FIELDS as ACTIVITY_FIELDS
from coordo.community.models import (
    CATEGORIES,
    Activity,
    AgeBand,
    ContactSex,
    Decision,
    DecisionStatus,
    Given,
    Meeting,
    Need,
    ProposerKind,
)
from coordo.people.models import Person
from coordo.web.periods import DayField

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MAX_COUNT = 10_000
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "class": "count"})


def count_field(label: str | Any, **options: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_COUNT, widget=NUMBER, **options
    )


class ActivityForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=language_choices, required=False
    )

    class Meta:
        model = Activity
        fields = list(ACTIVITY_FIELDS)  # what the action writes
        field_classes = {"starts_on": DayField}
        widgets = {
            "start_time": TIME,
            "end_time": TIME,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "recurrence": _(
                "Empty for a one-off. Weekly: FREQ=WEEKLY. Every second Tuesday: "
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU. First Saturday of the month: "
                "FREQ=MONTHLY;BYDAY=1SA. Add ;UNTIL=20270630 to end it."
            )
        }

    def __init__(self, *args: Any, hosts: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "proposer_user", hosts)
        limit_choices(self, "proposer_partner", partners)
        kind = self.fields["proposer_kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.widget = forms.RadioSelect(choices=ProposerKind.choices)


class OccurrenceForm(forms.Form):
    original_date = DayField(label=_("date of the occurrence"))


class MoveForm(OccurrenceForm):
    moved_to = DayField(label=_("moved to"))
    start_time = forms.TimeField(label=_("start time"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("end time"), required=False, widget=TIME)


class CountsForm(forms.Form):
    """Counts typed on a phone: a count left empty is nobody of that kind, 0."""

    optional: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.optional:
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.optional:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data


class AttendanceForm(CountsForm):
    total = count_field(_("total"))
    participants = count_field(_("participants"), initial=0)
    neighbours = count_field(_("neighbours"), initial=0)
    residents = count_field(_("residents"), initial=0)
    children = count_field(_("children"), initial=0)
    partner_workers = count_field(_("partners' workers"), initial=0)
    first_visits = count_field(_("first visits"), initial=0)
    over_capacity_confirmed = forms.BooleanField(
        label=_("Yes, more people came than the capacity"), required=False
    )

    optional = (*CATEGORIES, "first_visits")


class SettingsForm(forms.Form):
    public_programme = forms.BooleanField(
        label=_("public programme"),
        required=False,
        help_text=_("Published activities are shown on a public page and calendar feed."),
    )


class MeetingForm(forms.ModelForm):
    team_present = RecordsChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("team members present"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "held_on", "title", "attendance", "team_present", "minutes"]
        field_classes = {"held_on": DayField}
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "team_present", team)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("item"), max_length=250)
    proposed_by = forms.CharField(label=_("proposed by"), max_length=60, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))
    carried_by = forms.CharField(label=_("carried by"), max_length=150, required=False)
    review_on = DayField(label=_("review date"), required=False)
    replaces = forms.ModelChoiceField(
        queryset=Decision.objects.none(), required=False, label=_("replaces the decision")
    )

    def __init__(self, *args: Any, replaceable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "replaces", replaceable)


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (value, label)
            for value, label in DecisionStatus.choices
            if value != DecisionStatus.REPLACED
        ],
    )


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", "—"), *DecisionStatus.choices], required=False
    )


class RulesVersionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=150)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 14}))
    in_force_from = DayField(label=_("in force from"))
    decision = forms.ModelChoiceField(queryset=Decision.objects.none(), label=_("decision"))

    def __init__(self, *args: Any, decisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "decision", decisions)


class RoundForm(forms.Form):
    held_on = DayField(label=_("date"))
    start_time = forms.TimeField(label=_("start time"), widget=TIME)
    end_time = forms.TimeField(label=_("end time"), widget=TIME, required=False)
    area = forms.CharField(label=_("area or place"), max_length=150)
    team = RecordsChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("team members"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "team", team)


class ContactForm(forms.Form):
    age_band = forms.ChoiceField(
        label=_("age band"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN
    )
    sex = forms.ChoiceField(label=_("sex"), choices=ContactSex.choices, initial=ContactSex.WOMAN)
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=language_choices, required=False
    )
    needs = forms.MultipleChoiceField(
        label=_("needs"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    given = forms.MultipleChoiceField(
        label=_("what was given"),
        choices=Given.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("a known person, if she agrees")
    )
    she_agrees = forms.BooleanField(
        label=_("She agrees to be named"),
        required=False,
        help_text=_("Her file then keeps this consent (outreach follow-up)."),
    )

    def __init__(self, *args: Any, persons: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if persons is None:
            del self.fields["person"], self.fields["she_agrees"]  # anonymous only
        else:
            limit_choices(self, "person", persons)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is not None and not data.get("she_agrees"):
            self.add_error("she_agrees", _("Name her only if she agrees."))
        return data


class DayCentreForm(CountsForm):
    optional = ("children", "first_visits", "meals", "showers", "laundry", "rest")

    day = DayField(label=_("day"))
    women = count_field(_("women"))
    children = count_field(_("children"), initial=0)
    first_visits = count_field(_("first visits"), initial=0)
    meals = count_field(_("meals"), initial=0)
    showers = count_field(_("showers"), initial=0)
    laundry = count_field(_("laundry"), initial=0)
    rest = count_field(_("rest"), initial=0)
