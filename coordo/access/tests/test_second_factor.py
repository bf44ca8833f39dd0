"""The second factor cannot be skipped, swapped from a password-only session, or kept alive
under the key the password step gave the session."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_user, verified_client
from coordo.access.actions import (
    confirm_totp_device,
    pending_totp_device,
    regenerate_recovery_codes,
)
from coordo.access.models import AuditAction, AuditEvent, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.access.tests.test_authentication import current_code, log_in

VERIFY = "/accounts/mfa/verify/"
SETUP = "/accounts/mfa/setup/"


def actions_of(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(user.pk), action__startswith="mfa_")
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def enrolled(site) -> tuple[User, TOTPDevice, list[str]]:
    """A coordinator with an authenticator and ten recovery codes."""
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    device = TOTPDevice.objects.get(user=coordinator)
    return coordinator, device, regenerate_recovery_codes(coordinator)


@pytest.mark.django_db
def test_the_setup_page_attack_from_a_password_only_session_fails(enrolled):
    coordinator, device, _codes = enrolled
    attacker = Client()
    log_in(attacker, coordinator.email)  # the stolen password, and nothing else
    page = attacker.get(SETUP)
    assert (page.status_code, page["Location"]) == (
        302,
        f"{VERIFY}?next=%2Faccounts%2Fmfa%2Fsetup%2F",
    )
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=False).exists()
    # Even holding a pending device's secret (as the old page showed one), its code does nothing.
    pending = pending_totp_device(coordinator)
    posted = attacker.post(SETUP, {"code": current_code(pending)})
    assert (posted.status_code, posted["Location"]) == (302, VERIFY)
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [device]
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10
    assert attacker.get("/audit/")["Location"] == f"{VERIFY}?next=%2Faudit%2F"
    assert attacker.get("/api/people").status_code == 401
    assert actions_of(coordinator) == []


@pytest.mark.django_db
def test_the_action_refuses_to_replace_a_device_for_a_session_not_verified(enrolled):
    coordinator, device, _codes = enrolled
    pending = pending_totp_device(coordinator)
    with pytest.raises(PermissionDenied):
        confirm_totp_device(
            pending,
            code=current_code(pending),
            password=PASSWORD,
            by=principal_for_user(coordinator),
        )
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [device]


@pytest.mark.django_db
def test_replacing_a_device_needs_the_password_again_is_audited_and_told_to_the_user(
    enrolled, django_capture_on_commit_callbacks
):
    coordinator, _device, old_codes = enrolled
    client = verified_client(coordinator)
    elsewhere = verified_client(coordinator)
    page = client.get(SETUP)
    assert "Your password" in page.content.decode()
    pending = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    wrong = client.post(SETUP, {"password": "not-my-password", "code": current_code(pending)})
    assert "This password is not correct." in wrong.content.decode()
    assert TOTPDevice.objects.get(user=coordinator, confirmed=True).name == "test"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(SETUP, {"password": PASSWORD, "code": current_code(pending)})
    new_codes = list(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert all(code in done.content.decode() for code in new_codes)
    assert set(new_codes).isdisjoint(old_codes)
    assert list(TOTPDevice.objects.filter(user=coordinator).values_list("pk", flat=True)) == [
        pending.pk
    ]
    assert actions_of(coordinator) == [AuditAction.MFA_FAILED, AuditAction.MFA_REPLACED]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([coordinator.email], "Coordo: your authenticator app was replaced")
    ]
    assert client.get("/audit/").status_code == 200
    assert elsewhere.get("/audit/")["Location"] == "/accounts/login/?next=/audit/"


@pytest.mark.django_db
@pytest.mark.parametrize("factor", ["authenticator", "recovery code"])
def test_the_session_key_changes_when_the_second_factor_succeeds(enrolled, factor):
    coordinator, device, codes = enrolled
    client = Client()
    log_in(client, coordinator.email)
    password_only_key = client.cookies["sessionid"].value
    code = current_code(device) if factor == "authenticator" else codes[0]
    assert client.post(VERIFY, {"code": code})["Location"] == "/"
    assert client.cookies["sessionid"].value != password_only_key
    assert not Session.objects.filter(session_key=password_only_key).exists()
    assert client.get("/audit/").status_code == 200


@pytest.mark.django_db
def test_the_session_key_changes_when_a_first_device_is_set_up(coordinator):
    client = Client()
    log_in(client, coordinator.email)
    password_only_key = client.cookies["sessionid"].value
    client.get(SETUP)
    pending = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert client.post(SETUP, {"code": current_code(pending)}).status_code == 200
    assert client.cookies["sessionid"].value != password_only_key
    assert not Session.objects.filter(session_key=password_only_key).exists()
    assert actions_of(coordinator) == [AuditAction.MFA_SETUP]


@pytest.mark.django_db
def test_verification_leads_back_to_the_page_asked_for(enrolled):
    coordinator, device, _codes = enrolled
    client = Client()
    log_in(client, coordinator.email)
    asked = client.get("/people/?page=2")
    assert asked["Location"] == f"{VERIFY}?next=%2Fpeople%2F%3Fpage%3D2"
    assert (
        client.post(asked["Location"], {"code": current_code(device)})["Location"]
        == "/people/?page=2"
    )


@pytest.mark.django_db
def test_anyone_who_set_up_a_device_must_verify_even_in_a_role_that_needs_none(site):
    host = make_user(site, Role.HOST, mfa_device=True)
    client = Client()
    log_in(client, host.email)
    assert client.get("/planning/mine/")["Location"] == f"{VERIFY}?next=%2Fplanning%2Fmine%2F"
    assert (
        client.post(VERIFY, {"code": current_code(TOTPDevice.objects.get(user=host))}).status_code
        == 302
    )
    assert client.get("/planning/mine/").status_code == 200


@pytest.mark.django_db
def test_a_password_only_session_shows_no_menu(enrolled):
    coordinator, _device, _codes = enrolled
    client = Client(headers={"accept-language": "en"})
    log_in(client, coordinator.email)
    page = client.get(VERIFY).content.decode()
    assert 'href="/audit/"' not in page
    assert 'href="/accounts/password/"' not in page
    assert "Log out" in page
