from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def log_in(client: Client, email: str, password: str = PASSWORD, **extra: Any):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


@pytest.mark.django_db
def test_login_logout_and_failed_login_are_audited(host):
    client = Client()
    assert log_in(client, host.email, "wrong password here").status_code == 200
    assert log_in(client, host.email).status_code == 302
    client.post("/accounts/logout/")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "object_id"))
    assert actions == [
        (AuditAction.LOGIN_FAILED, str(host.pk)),
        (AuditAction.LOGIN, str(host.pk)),
        (AuditAction.LOGOUT, str(host.pk)),
    ]


@pytest.mark.django_db
def test_a_failed_login_for_an_unknown_address_stores_no_address():
    log_in(Client(), "nobody-known@test.example", "whatever-password")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.actor_id) == (AuditAction.LOGIN_FAILED, "", None)


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_even_with_the_right_password(host):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, host.email, "not-the-password")
    response = log_in(client, host.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(host):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = f"203.0.113.{attempt}"
        log_in(Client(), host.email, "not-the-password", HTTP_X_FORWARDED_FOR=forged)
    response = log_in(Client(), host.email, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429


@pytest.mark.django_db
def test_one_persons_typos_lock_their_account_not_the_office_behind_the_same_address(
    host, coordinator
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), host.email, "not-the-password", REMOTE_ADDR="192.0.2.50")
    assert log_in(Client(), host.email, REMOTE_ADDR="192.0.2.50").status_code == 429
    assert log_in(Client(), coordinator.email, REMOTE_ADDR="192.0.2.50").status_code == 302


@pytest.mark.django_db
def test_an_address_is_throttled_only_after_many_failures_across_accounts(site, settings):
    settings.COORDO_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    guessed = [make_user(site, Role.HOST) for _ in range(4)]
    newcomer = make_user(site, Role.HOST)
    failures = [user for user in guessed for _ in range(3)]  # 3 each: no account locked
    for user in failures[:-1]:
        log_in(Client(), user.email, "not-the-password", REMOTE_ADDR="192.0.2.60")
    # 11 failures: the address still works, and a good login does not clear its count.
    assert log_in(Client(), newcomer.email, REMOTE_ADDR="192.0.2.60").status_code == 302
    log_in(Client(), failures[-1].email, "not-the-password", REMOTE_ADDR="192.0.2.60")
    assert log_in(Client(), newcomer.email, REMOTE_ADDR="192.0.2.60").status_code == 429
    assert log_in(Client(), newcomer.email, REMOTE_ADDR="192.0.2.61").status_code == 302


def test_the_address_limit_is_ten_times_the_account_limit():
    from config import settings as project_settings

    assert project_settings.AXES_FAILURE_LIMIT == 5
    assert project_settings.COORDO_LOGIN_ADDRESS_FAILURE_LIMIT == 50


@pytest.mark.django_db
def test_the_lockout_page_says_how_long_the_lock_lasts(host):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), host.email, "not-the-password")
    response = log_in(Client(headers={"accept-language": "en"}), host.email)
    assert response.status_code == 429
    assert "Logging in is blocked for 15 minutes" in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_must_set_up_two_factor_at_first_login(coordinator):
    client = Client(headers={"accept-language": "en"})
    log_in(client, coordinator.email)
    assert client.get("/people/").url == "/accounts/mfa/setup/"
    client.get("/accounts/mfa/setup/")
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    with time_machine.travel(time.time(), tick=False) as traveller:
        wrong = client.post("/accounts/mfa/setup/", {"code": "000000"})
        assert "This code is not valid" in wrong.content.decode()
        too_soon = client.post("/accounts/mfa/setup/", {"code": current_code(device)})
        assert "Too many wrong codes" in too_soon.content.decode()
        traveller.shift(timedelta(seconds=2))  # a failure makes the next try wait a second
        response = client.post("/accounts/mfa/setup/", {"code": current_code(device)})
    assert response.status_code == 200
    codes = StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get("/people/").status_code == 200


@pytest.mark.django_db
def test_a_host_does_not_need_two_factor(host):
    client = Client()
    log_in(client, host.email)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_works_once(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    from coordo.access.actions import regenerate_recovery_codes

    code = regenerate_recovery_codes(coordinator)[0]
    first = Client()
    log_in(first, coordinator.email)
    assert first.get("/").url == "/accounts/mfa/verify/"
    assert first.post("/accounts/mfa/verify/", {"code": code}).status_code == 302
    assert first.get("/").status_code == 200
    second = Client()
    log_in(second, coordinator.email)
    response = second.post("/accounts/mfa/verify/", {"code": code})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.MFA_FAILED).count() == 1


@pytest.mark.django_db
def test_deactivating_a_user_ends_their_sessions_at_once(admin_user, social_worker):
    worker = verified_client(social_worker)
    assert worker.get("/people/").status_code == 200
    admin = verified_client(admin_user)
    response = admin.post(f"/manage/users/{social_worker.pk}/active/", {"active": "0"})
    assert response.status_code == 302
    assert worker.get("/people/").url.startswith("/accounts/login/")
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.DEACTIVATE, object_id=str(social_worker.pk)
        ).count()
        == 1
    )


def test_sessions_expire_after_thirty_idle_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.django_db
def test_a_used_session_lives_on_and_an_idle_one_ends(host):
    with time_machine.travel("2026-12-01 09:00 +0000", tick=False) as traveller:
        client = verified_client(host)
        for minutes in (20, 20, 25):  # each request pushes the idle expiry back
            traveller.shift(timedelta(minutes=minutes))
            assert client.get("/planning/mine/").status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get("/planning/mine/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_requests_within_a_minute_do_not_write_the_session(host):
    with time_machine.travel("2026-12-01 09:00 +0000", tick=False) as traveller:
        client = verified_client(host)
        client.get("/planning/mine/")
        written = Session.objects.get().expire_date
        traveller.shift(timedelta(seconds=59))
        client.get("/planning/mine/")
        assert Session.objects.get().expire_date == written
        traveller.shift(timedelta(seconds=1))
        client.get("/planning/mine/")
        assert Session.objects.get().expire_date == written + timedelta(seconds=60)


@pytest.mark.django_db
def test_every_page_is_private_by_default():
    response = Client().get("/people/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/people/"


def test_passwords_are_hashed_with_argon2_and_need_twelve_characters():
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    lengths = [
        v["OPTIONS"]["min_length"]
        for v in project_settings.AUTH_PASSWORD_VALIDATORS
        if v["NAME"].endswith("MinimumLengthValidator")
    ]
    assert lengths == [12]
