"""Coordo's own `coordo check` rules on the settings, beside Django's `check --deploy`.

Django's deployment checks warn in terms of Django's settings; these fail in terms of
the COORDO_* variables an operator sets, and go further where Coordo's data asks for it
(a key with little variety, a wildcard host, mail that would be printed, not sent).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

from coordo.checks import deploy_check

DEVELOPMENT_KEY = "dev-only-insecure-key-change-me"  # config/settings.py's, outside production
MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 20  # distinct: a long key of few characters is guessable
UNSENT_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
NEW_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"


@deploy_check()
def secret_key_strong(**kwargs: Any) -> list[CheckMessage]:
    key: str = settings.SECRET_KEY
    if key == DEVELOPMENT_KEY or key.startswith("django-insecure"):
        problem = "is the development key"
    elif len(key) < MIN_KEY_LENGTH:
        problem = f"has fewer than {MIN_KEY_LENGTH} characters"
    elif len(set(key)) < MIN_KEY_CHARACTERS:
        problem = f"has fewer than {MIN_KEY_CHARACTERS} different characters"
    else:
        return []
    return [
        Error(
            f"The secret key {problem}: sessions and password-reset links could be forged.",
            hint=f"Set COORDO_SECRET_KEY to a random value, e.g. from `{NEW_KEY}`.",
            id="coordo.E004",
        )
    ]


@deploy_check()
def debug_off(**kwargs: Any) -> list[CheckMessage]:
    if not settings.DEBUG:
        return []
    return [
        Error(
            "DEBUG is on: an error page shows settings and the personal data in its stack.",
            hint="Unset COORDO_DEBUG (it is off by default).",
            id="coordo.E005",
        )
    ]


@deploy_check()
def allowed_hosts_set(**kwargs: Any) -> list[CheckMessage]:
    hosts: list[str] = settings.ALLOWED_HOSTS
    if hosts and "*" not in hosts:
        return []
    what = "accept any host name" if hosts else "are not set"
    return [
        Error(
            f"The allowed host names {what}.",
            hint="Set COORDO_ALLOWED_HOSTS to the names Coordo answers on, e.g. coordo.example.org.",
            id="coordo.E006",
        )
    ]


@deploy_check()
def https_enforced(**kwargs: Any) -> list[CheckMessage]:
    missing = [
        name
        for name, on in (
            ("SECURE_SSL_REDIRECT", settings.SECURE_SSL_REDIRECT),
            ("SECURE_HSTS_SECONDS", settings.SECURE_HSTS_SECONDS > 0),
            ("SESSION_COOKIE_SECURE", settings.SESSION_COOKIE_SECURE),
            ("CSRF_COOKIE_SECURE", settings.CSRF_COOKIE_SECURE),
        )
        if not on
    ]
    messages: list[CheckMessage] = []
    if missing:
        messages.append(
            Error(
                f"HTTPS is not enforced: {', '.join(missing)} off.",
                hint="Set COORDO_ENV=production (it turns them all on; keep COORDO_SSL_REDIRECT on).",
                id="coordo.E007",
            )
        )
    if settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        messages.append(
            Warning(
                "HTTPS redirects are on but the TLS proxy's header is not trusted: behind a proxy "
                "every request looks like plain HTTP and is redirected again and again.",
                hint="Behind nginx (deploy/nginx/coordo.conf sets X-Forwarded-Proto), set "
                "COORDO_BEHIND_TLS_PROXY=1.",
                id="coordo.W002",
            )
        )
    return messages


@deploy_check()
def mail_configured(**kwargs: Any) -> list[CheckMessage]:
    mailer: dict[str, Any] = settings.MAILERS["default"]
    backend = mailer["BACKEND"]
    messages: list[CheckMessage] = []
    if backend in UNSENT_MAIL:
        messages.append(
            Error(
                f"E-mail is not sent: the backend is {backend.rsplit('.', 2)[-2]}.",
                hint="Unset COORDO_EMAIL_BACKEND (SMTP in production) and set COORDO_EMAIL_HOST.",
                id="coordo.E008",
            )
        )
    elif backend.endswith("smtp.EmailBackend") and not mailer.get("OPTIONS", {}).get("host"):
        messages.append(
            Error(
                "E-mail has no SMTP server.",
                hint="Set COORDO_EMAIL_HOST (and the other COORDO_EMAIL_* of docs/production.md).",
                id="coordo.E008",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        messages.append(
            Error(
                f"E-mail is sent from {settings.DEFAULT_FROM_EMAIL}: mail servers refuse it.",
                hint="Set COORDO_FROM_EMAIL to an address of your domain.",
                id="coordo.E008",
            )
        )
    return messages
