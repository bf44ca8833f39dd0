from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.people.actions import PERSON_FIELDS
from coordo.people.models import ConsentRecord, HouseholdMember, Person, Relationship
from coordo.web.fields import LanguagesField


class PersonForm(forms.ModelForm):
    languages = LanguagesField(label=_("Languages"))
    # Typed as on the card (85.07.30-033.28); the model keeps and checks the 11 digits.
    national_number = forms.CharField(
        label=_("National number (NISS)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different person: create anyway"), required=False
    )

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)  # what the action writes
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "national_number": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}
            ),
        }

    def __init__(
        self,
        *args: Any,
        show_confidential: bool = True,
        offer_confirmation: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not show_confidential:
            del self.fields["phone"]
            del self.fields["national_number"]
        # An edit asks for confirmation only once a warning has been shown.
        self._confirmation = self.fields.pop("confirm_not_duplicate")
        if self.instance.pk:
            self._confirmation.label = _("This is a different person: save anyway")
        if offer_confirmation or not self.instance.pk:
            self.offer_confirmation()

    def offer_confirmation(self) -> None:
        self.fields["confirm_not_duplicate"] = self._confirmation

    def clean_national_number(self) -> str:
        # People type NISS with dots and dashes (85.07.30-033.28): keep the digits.
        return "".join(ch for ch in self.cleaned_data["national_number"] if ch.isdigit())


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or birth year"), required=False, max_length=100)


class HouseholdForm(forms.Form):
    name = forms.CharField(label=_("Household name"), max_length=150)
    head = forms.ModelChoiceField(label=_("Head of household"), queryset=Person.objects.none())

    def __init__(self, *args: Any, persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "head", persons)


class HouseholdMemberForm(forms.ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["person", "relationship"]

    def __init__(self, *args: Any, persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "person", persons)
        # The head is chosen when the household is created.
        relationship = self.fields["relationship"]
        assert isinstance(relationship, forms.ChoiceField)
        relationship.choices = [c for c in Relationship.choices if c[0] != Relationship.HEAD]


class ConsentForm(forms.ModelForm):
    # An explicit choice with nothing ticked in advance: an unticked box would record a withdrawal.
    given = forms.TypedChoiceField(
        label=_("Consent"),
        choices=[("yes", _("Given")), ("no", _("Withdrawn"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the consent is given or withdrawn.")},
    )

    class Meta:
        model = ConsentRecord
        fields = ["purpose", "given", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
