"""Forms and buttons posted from a page: one way to call the action and say what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coordo.access.http import AuthedRequest, add_action_errors, flash_form_errors, principal_of


def apply_posted_form(
    request: AuthedRequest,
    form: forms.BaseForm,
    action: Callable[..., object],
    done: str | Callable[[], str],
) -> bool:
    """For a small form posted from another page: validate, call `action(by=<the acting
    principal>, **cleaned_data)`, and say what happened as messages (`done`, or each error).
    `done` may be a function, called after the action, when the message tells its result."""
    if not form.is_valid():
        flash_form_errors(request, form)
        return False
    with errors_flashed(request):
        action(by=principal_of(request), **form.cleaned_data)
        messages.success(request, done() if callable(done) else done)
        return True
    return False


# An action refuses with a ValidationError; these two say so where the user will read it. The
# statements after the action inside the block (the success message, the redirect) run only
# when the action went through, as a try/else would; after the block, it was refused.


@contextmanager
def errors_onto(form: forms.BaseForm) -> Iterator[None]:
    """For a form on its own page: a refusal lands on the form, which is shown again."""
    try:
        yield
    except ValidationError as error:
        add_action_errors(form, error)


@contextmanager
def errors_flashed(request: HttpRequest, heading: str = "") -> Iterator[None]:
    """For a button or a small form posted from another page: a refusal, as one message each
    (after `heading`, when the reasons need one: "Nothing was imported.")."""
    try:
        yield
    except ValidationError as error:
        if heading:
            messages.error(request, heading)
        for message in error.messages:
            messages.error(request, message)


def save_posted_form(
    request: HttpRequest, form: forms.BaseForm, write: Callable[..., object], done: str
) -> bool:
    """Calls `write(**cleaned_data)` for a valid form and says `done`; a refusal goes on the form."""
    if form.is_valid():
        with errors_onto(form):
            write(**form.cleaned_data)
            messages.success(request, done)
            return True
    return False


def saved_or_flashed(
    request: HttpRequest, form: forms.BaseForm, write: Callable[..., object], done: str
) -> bool:
    """For a small form posted from another page: `save_posted_form`, then each error (the
    action's on its field) as a message with the field's label."""
    if save_posted_form(request, form, write, done):
        return True
    flash_form_errors(request, form)
    return False


def written_or_flashed[T](
    request: HttpRequest, form: forms.BaseForm, write: Callable[..., T]
) -> T | None:
    """For a small form posted from another page whose refusals name its fields: what
    `write(**cleaned_data)` returned for a valid form; otherwise None, and each error (the
    action's on its field) as a message with the field's label. The caller says what was done."""
    if form.is_valid():
        with errors_onto(form):
            return write(**form.cleaned_data)
    flash_form_errors(request, form)
    return None


def form_page[T](
    request: AuthedRequest,
    form: forms.BaseForm,
    write: Callable[..., T],
    *,
    done: str,
    then: HttpResponse | Callable[[T], HttpResponse],
    template: str,
    context: Mapping[str, object] | None = None,
    shown: Callable[[], object] | None = None,
) -> HttpResponse:
    """A form on its own page, posted to itself.

    A valid post calls `write(by=<the acting principal>, **cleaned_data)`, says `done` and
    answers `then` (called with what `write` returned, for a page of the record just made).
    Otherwise (the first visit, invalid data, the action's refusal put on the form) the page
    is `template` with the form and `context`, after `shown()`: the audit row of what it shows.
    """
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            written = write(by=principal_of(request), **form.cleaned_data)
            messages.success(request, done)
            return then if isinstance(then, HttpResponse) else then(written)
    if shown is not None:
        shown()
    return render(request, template, {"form": form, **(context or {})})
