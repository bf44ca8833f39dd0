"""A deployment that passes `coordo check`: production settings, a worker seen, a fresh
backup, the daily jobs scheduled. Tests take it and break one thing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyrage
from django.test import override_settings

from coordo.operations.heartbeat import record_beat
from coordo.schedule import ensure_scheduled

# A fixed key of the strength `coordo check` asks (64 random URL-safe characters).
STRONG_KEY = "Qm4uY2x7Vd9pLr0sZ8eKt3wHj6gNf1cXb5aTy2oPq7iUv4RzWk9SdMhE0lGnJ3xC"
PRODUCTION: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": ["coordo.example.org"],
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "MAILERS": {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "smtp.example.org"},
        }
    },
    "DEFAULT_FROM_EMAIL": "coordo@example.org",
}


def backup_settings(directory: Path) -> dict[str, Any]:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    return {"COORDO_BACKUP_DIR": str(directory), "COORDO_BACKUP_RECIPIENTS": [recipient]}


@contextmanager
def production_deployment(backup_dir: Path, **changes: Any) -> Iterator[None]:
    """Inside a test with the database: everything `coordo check` asks, but `changes`."""
    (backup_dir / "coordo-20261123T020000Z.tar.age").write_bytes(b"an age file")
    ensure_scheduled()
    record_beat()
    with override_settings(**{**PRODUCTION, **backup_settings(backup_dir), **changes}):
        yield
