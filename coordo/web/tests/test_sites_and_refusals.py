"""The one current-site gate, the two ways an action's refusal reaches the user, and the
form page built on them."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from coordo.access.http import AuthedRequest
from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal, principal_for_user
from coordo.web.posting import errors_flashed, errors_onto, form_page
from coordo.web.sites import current_site, site_holding


def request_at(user: User, site: Site | None) -> AuthedRequest:
    request = RequestFactory().post("/")
    request.user = user
    request.current_site = site  # type: ignore[attr-defined]
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request  # type: ignore[return-value]


def test_the_current_site_is_given_where_the_role_holds_the_permission(
    coordinator: User, site: Site
) -> None:
    assert current_site(request_at(coordinator, site), Perm.PLANNING_EDIT) == site


@pytest.mark.parametrize("perm", [Perm.PLANNING_EDIT, Perm.STAY_VIEW])
def test_a_host_is_refused_what_the_role_does_not_hold(host: User, site: Site, perm: Perm) -> None:
    with pytest.raises(PermissionDenied):
        current_site(request_at(host, site), perm)
    assert site_holding(request_at(host, site), principal_for_user(host), perm) is None


def test_no_site_chosen_is_a_refusal(coordinator: User) -> None:
    with pytest.raises(PermissionDenied):
        current_site(request_at(coordinator, None), Perm.PLANNING_EDIT)


def test_a_role_at_another_site_does_not_count_here(other_site_worker: User, site: Site) -> None:
    request = request_at(other_site_worker, site)
    assert site_holding(request, principal_for_user(other_site_worker), Perm.STAY_EDIT) is None
    with pytest.raises(PermissionDenied):
        current_site(request, Perm.STAY_EDIT)


class NoteForm(forms.Form):
    body = forms.CharField()


def refuse() -> None:
    raise ValidationError({"body": ["Too long for the record."], "__all__": ["Closed file."]})


def test_a_refusal_lands_on_the_form_and_what_follows_does_not_run() -> None:
    form = NoteForm({"body": "x"})
    assert form.is_valid()
    went_on = []
    with errors_onto(form):
        refuse()
        went_on.append(True)
    assert went_on == []
    assert form.errors == {"body": ["Too long for the record."], "__all__": ["Closed file."]}


def test_a_refusal_is_flashed_one_message_each_after_its_heading(
    coordinator: User, site: Site
) -> None:
    request = request_at(coordinator, site)
    with errors_flashed(request, heading="Nothing was imported."):
        raise ValidationError(["Row 2: no code.", "Row 3: no places."])
    assert [str(m) for m in get_messages(request)] == [
        "Nothing was imported.",
        "Row 2: no code.",
        "Row 3: no places.",
    ]


def test_no_refusal_no_message(coordinator: User, site: Site) -> None:
    request = request_at(coordinator, site)
    with errors_flashed(request, heading="Nothing was imported."):
        pass
    assert list(get_messages(request)) == []


def test_a_form_page_writes_says_and_goes_on_with_what_was_written(
    coordinator: User, site: Site
) -> None:
    request = request_at(coordinator, site)
    written: list[tuple[Principal, str]] = []
    shown: list[bool] = []

    def write(*, by: Principal, body: str) -> str:
        written.append((by, body))
        return body.upper()

    response = form_page(
        request,
        NoteForm({"body": "x"}),
        write,
        done="Saved.",
        then=lambda result: HttpResponse(result),
        template="form_page.html",
        shown=lambda: shown.append(True),
    )
    assert response.content == b"X"
    assert [(by.user_id, body) for by, body in written] == [(coordinator.pk, "x")]
    assert [str(m) for m in get_messages(request)] == ["Saved."]
    assert shown == []


def test_a_refused_form_page_is_shown_again_with_the_refusal(coordinator: User, site: Site) -> None:
    request = request_at(coordinator, site)
    shown: list[bool] = []
    form = NoteForm({"body": "x"})
    response = form_page(
        request,
        form,
        lambda **_data: refuse(),
        done="Saved.",
        then=HttpResponse("never"),
        template="form_page.html",
        shown=lambda: shown.append(True),
    )
    assert response.status_code == 200
    assert "Too long for the record." in response.content.decode()
    assert list(get_messages(request)) == []
    assert shown == [True]
