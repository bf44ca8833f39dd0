from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coordo.access.forms import limit_choices
from coordo.partners.models import Contact, Convention, Partner
from coordo.web.fields import LanguagesField


class PartnerForm(forms.ModelForm):
    languages = LanguagesField(label=_("Languages spoken"))
    services = forms.CharField(
        label=_("Services"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Gynaecology consultation”."),
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "line",
            "languages",
            "address",
            "opening_hours",
            "phone",
            "email",
            "is_active",
        ]
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 2})}

    def clean_services(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["services"].splitlines() if line.strip()]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "phone", "email"]


class ConventionForm(forms.ModelForm):
    class Meta:
        model = Convention
        fields = [
            "partner",
            "other_parties",
            "subject",
            "start_date",
            "end_date",
            "renewal_notice_days",
            "insurance",
            "document",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "subject": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "partner", partners)
        self.fields["document"].help_text = _("PDF, JPEG, PNG, DOCX or ODT, at most 10 MB.")

    def _post_clean(self) -> None:
        # The action validates and stores the document; the model is checked there too.
        pass
