"""A user changes their own password; an admin forces a reset by e-mailed link. Both are
audited and both end the account's other sessions."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from conftest import PASSWORD, verified_client
from coordo.access.models import AuditAction, AuditEvent, User
from coordo.access.tests.test_authentication import log_in

NEW_PASSWORD = "a-fresh-and-longer-secret"


def password_events(user: User) -> list[tuple[str, int | None]]:
    return list(
        AuditEvent.objects.filter(object_id=str(user.pk), action__startswith="password_")
        .order_by("id")
        .values_list("action", "actor_id")
    )


def change(client: Client, current: str, new: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    data = {"old_password": current, "new_password1": new, "new_password2": new}
    return client.post("/accounts/password/", data)


@pytest.mark.django_db
def test_a_user_changes_their_password_with_the_current_one(
    host, django_capture_on_commit_callbacks
):
    client = verified_client(host)
    elsewhere = verified_client(host)
    key_before = client.cookies["sessionid"].value
    wrong = change(client, "not-my-password")
    assert "Your current password is not correct." in wrong.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = change(client, PASSWORD)
    assert done["Location"] == "/accounts/password/"
    host.refresh_from_db()
    assert host.check_password(NEW_PASSWORD)
    assert password_events(host) == [(AuditAction.PASSWORD_CHANGED, host.pk)]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([host.email], "Coordo: your password was changed")
    ]
    # This session goes on under a new key; every other one has ended.
    assert client.cookies["sessionid"].value != key_before
    assert client.get("/planning/mine/").status_code == 200
    assert elsewhere.get("/planning/mine/")["Location"] == "/accounts/login/?next=/planning/mine/"


@pytest.mark.django_db
def test_a_new_password_must_pass_the_validators(host):
    response = change(verified_client(host), PASSWORD, new="short")
    assert "This password is too short." in response.content.decode()
    host.refresh_from_db()
    assert host.check_password(PASSWORD)
    assert password_events(host) == []


@pytest.mark.django_db
def test_the_account_page_is_in_the_header(coordinator):
    page = verified_client(coordinator).get("/").content.decode()
    assert 'href="/accounts/password/"' in page


@pytest.mark.django_db
def test_an_admin_forces_a_reset_and_the_user_chooses_a_new_password_from_the_link(
    admin_user, social_worker, django_capture_on_commit_callbacks
):
    admin = verified_client(admin_user)
    worker = verified_client(social_worker)  # also gives the worker an authenticator
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/manage/users/{social_worker.pk}/password-reset/")
    assert response["Location"] == f"/manage/users/{social_worker.pk}/"
    social_worker.refresh_from_db()
    assert not social_worker.has_usable_password()
    assert worker.get("/people/")["Location"] == "/accounts/login/?next=/people/"
    assert log_in(Client(), social_worker.email).status_code == 200  # the old one is refused
    assert password_events(social_worker) == [(AuditAction.PASSWORD_RESET, admin_user.pk)]

    [message] = mail.outbox
    assert (message.to, message.subject) == ([social_worker.email], "Coordo: choose a new password")
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body)[1]  # type: ignore[index]
    visitor = Client(headers={"accept-language": "en"})
    form_url = visitor.get(link)["Location"]  # the token leaves the address bar
    assert form_url.endswith("/set-password/")
    assert "New password" in visitor.get(form_url).content.decode()
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post(form_url, new)["Location"] == "/accounts/login/"
    assert "This link no longer works" in visitor.get(link).content.decode()
    assert password_events(social_worker) == [
        (AuditAction.PASSWORD_RESET, admin_user.pk),
        (AuditAction.PASSWORD_CHANGED, social_worker.pk),
    ]
    # The new password opens the door to the second factor, not further.
    again = Client()
    assert log_in(again, social_worker.email, NEW_PASSWORD).status_code == 302
    assert again.get("/people/")["Location"] == "/accounts/mfa/verify/?next=%2Fpeople%2F"


@pytest.mark.django_db
def test_an_admin_cannot_force_a_reset_of_their_own_password(admin_user):
    admin = verified_client(admin_user)
    response = admin.post(f"/manage/users/{admin_user.pk}/password-reset/", follow=True)
    assert "Change your own password from your account page." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)
    assert password_events(admin_user) == []


@pytest.mark.django_db
def test_a_reset_link_is_refused_once_the_account_is_deactivated(
    admin_user, host, django_capture_on_commit_callbacks
):
    admin = verified_client(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/manage/users/{host.pk}/password-reset/")
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]  # type: ignore[index]
    visitor = Client(headers={"accept-language": "en"})
    form_url = visitor.get(link)["Location"]
    admin.post(f"/manage/users/{host.pk}/active/", {"active": "0"})
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert "This link no longer works" in visitor.post(form_url, new).content.decode()
    host.refresh_from_db()
    assert not host.has_usable_password()
