"""The small forms posted from a page (a status, a date, a note): one way to handle them."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

from coordo.access.http import AuthedRequest, flash_form_errors, principal_of


def apply_posted_form(
    request: AuthedRequest,
    form: forms.BaseForm,
    action: Callable[..., object],
    success: Callable[[], str],
) -> bool:
    """Validate, call the action with the acting user, and say what happened as messages."""
    if not form.is_valid():
        flash_form_errors(request, form)
        return False
    try:
        action(by=principal_of(request), **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success())
    return True
