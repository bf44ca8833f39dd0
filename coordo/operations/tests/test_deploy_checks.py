"""Coordo's own `coordo check` rules: each passes a production deployment and names its fix."""

from __future__ import annotations

import os
import time

import pytest
from django.test import override_settings

from coordo.operations import backup_age, deploy_checks
from tests.production import PRODUCTION, backup_settings


def ids_and_messages(check, **changes) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with override_settings(**{**PRODUCTION, **changes}):
        return [(message.id, message.msg) for message in check()]


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("dev-only-insecure-key-change-me", "is the development key"),
        ("django-insecure-" + "x" * 60, "is the development key"),
        ("Ab3" * 16, "has fewer than 50 characters"),
        ("k" * 40 + "production-like-key-for-the-check", "has fewer than 20 different characters"),
    ],
)
def test_a_weak_secret_key_fails(key, problem):
    assert ids_and_messages(deploy_checks.secret_key_strong, SECRET_KEY=key) == [
        (
            "coordo.E004",
            f"The secret key {problem}: sessions and password-reset links could be forged.",
        )
    ]


def test_a_strong_secret_key_passes():
    assert ids_and_messages(deploy_checks.secret_key_strong) == []


def test_debug_on_fails():
    assert ids_and_messages(deploy_checks.debug_off) == []
    ((check_id, _),) = ids_and_messages(deploy_checks.debug_off, DEBUG=True)
    assert check_id == "coordo.E005"


@pytest.mark.parametrize(
    ("hosts", "what"), [([], "are not set"), (["coordo.example.org", "*"], "accept any host name")]
)
def test_allowed_hosts_unset_or_wildcard_fail(hosts, what):
    assert ids_and_messages(deploy_checks.allowed_hosts_set, ALLOWED_HOSTS=hosts) == [
        ("coordo.E006", f"The allowed host names {what}.")
    ]
    assert ids_and_messages(deploy_checks.allowed_hosts_set) == []


def test_https_not_enforced_names_each_setting_off():
    off = {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0, "CSRF_COOKIE_SECURE": False}
    assert ids_and_messages(deploy_checks.https_enforced, **off) == [
        (
            "coordo.E007",
            "HTTPS is not enforced: SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, "
            "CSRF_COOKIE_SECURE off.",
        ),
    ]
    assert ids_and_messages(deploy_checks.https_enforced) == []


def test_https_redirects_without_the_proxy_header_warn_of_a_redirect_loop():
    ((check_id, message),) = ids_and_messages(
        deploy_checks.https_enforced, SECURE_PROXY_SSL_HEADER=None
    )
    assert check_id == "coordo.W002"
    assert "redirected again and again" in message


@pytest.mark.parametrize(
    ("mailer", "message"),
    [
        (
            {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "E-mail is not sent: the backend is console.",
        ),
        (
            {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": ""}},
            "E-mail has no SMTP server.",
        ),
    ],
)
def test_mail_that_would_not_be_sent_fails(mailer, message):
    assert ids_and_messages(deploy_checks.mail_configured, MAILERS={"default": mailer}) == [
        ("coordo.E008", message)
    ]


def test_mail_from_localhost_fails():
    assert ids_and_messages(
        deploy_checks.mail_configured, DEFAULT_FROM_EMAIL="coordo@localhost"
    ) == [("coordo.E008", "E-mail is sent from coordo@localhost: mail servers refuse it.")]
    assert ids_and_messages(deploy_checks.mail_configured) == []


def test_backups_without_a_directory_or_a_recipient_fail(tmp_path):
    assert ids_and_messages(backup_age.backups_recent, COORDO_BACKUP_DIR="") == [
        ("coordo.E010", "No backup directory is set.")
    ]
    messages = ids_and_messages(
        backup_age.backups_recent, COORDO_BACKUP_DIR=str(tmp_path), COORDO_BACKUP_RECIPIENTS=[]
    )
    assert messages == [
        ("coordo.E010", "No backup recipient is set: `coordo backup` has no key to encrypt to."),
        ("coordo.E010", f"There is no backup in {tmp_path}."),
    ]


@override_settings(COORDO_BACKUP_MAX_AGE_HOURS=26)
def test_the_newest_backup_must_be_younger_than_the_maximum_age(tmp_path):
    old, older = tmp_path / "coordo-20261122T020000Z.tar.age", tmp_path / "coordo-2.tar.age"
    for path, hours in ((old, 27), (older, 50)):
        path.write_bytes(b"age")
        os.utime(path, (time.time() - hours * 3600,) * 2)
    (tmp_path / ".coordo-partial").write_bytes(b"still being written")
    changes = backup_settings(tmp_path)
    assert ids_and_messages(backup_age.backups_recent, **changes) == [
        (
            "coordo.E010",
            "The newest backup (coordo-20261122T020000Z.tar.age) is 27 hours old, over 26.",
        )
    ]
    os.utime(old, (time.time() - 25 * 3600,) * 2)
    assert ids_and_messages(backup_age.backups_recent, **changes) == []
