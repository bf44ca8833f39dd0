from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coordo.access.models import AuditAction, Membership, Site, SystemActor, User
from coordo.access.roles import Role
from coordo.web.periods import DayField, check_period


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Narrow a model choice field to what the user may pick (their sites, their persons)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().replace(" ", "")


class ReplaceDeviceForm(OtpCodeForm):
    """Replacing a second factor asks for the password again, before the new app's code."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The 6-digit code the new app shows.")
        self.fields["code"].widget.attrs.pop("autofocus", None)


class PasswordChangeForm(SetPasswordForm):
    """The new password twice, checked by the validators; the action checks the current one."""

    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email"]

    def validate_unique(self) -> None:
        """The address is the user's one unique field, and the action judges it: the model's
        "already exists" would answer the same for another organisation's user."""


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
        help_text=_("At least 12 characters. Leave empty to let the user set it later."),
    )

    def clean_password(self) -> str | None:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data.get("password") or None
        if password:
            validate_password(password, User(email=self.cleaned_data.get("email", "")))
        return password


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["site", "role"]

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "site", sites)


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "kind", "city", "women_only", "is_active"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("Leave empty to grant the role at every site of the organisation."),
    )
    # Checked by the action, for the roles that read personal data only.
    code = forms.CharField(
        label=_("Code of your authenticator app"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_(
            "Needed for a role that reads personal data: the 6-digit code your app shows now."
        ),
    )

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "site", sites)

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().replace(" ", "")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AuditAction.choices], required=False
    )
    # A user's id, or the code of the part of Coordo that wrote on no one's behalf.
    actor = forms.ChoiceField(label=_("Who"), required=False)
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.none(), required=False, empty_label=_("All sites")
    )
    object_type = forms.CharField(label=_("Record type"), required=False, max_length=60)
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    since = DayField(label=_("From"), required=False)
    until = DayField(label=_("To"), required=False)

    def __init__(self, *args: Any, sites: Any, actors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "site", sites)
        field = self.fields["actor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = lambda: [
            ("", _("Everyone")),
            (_("People"), [(str(user.pk), str(user)) for user in actors]),
            (_("Coordo itself"), SystemActor.choices),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, "since", "until", end_excluded=False)
        return data
