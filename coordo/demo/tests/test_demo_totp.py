"""`manage.py demo_totp EMAIL` prints the code on a line of its own, as a terminal shows it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import make_user
from coordo.access.roles import Role
from coordo.demo import builder


class Terminal(io.StringIO):
    """What a person's terminal receives: Django colours its output only for a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_the_code_and_the_key_each_end_their_line_without_colour_codes(site, monkeypatch):
    user = make_user(site, Role.COORDINATOR, email=f"coordination@{builder.EMAIL_DOMAIN}")
    device = TOTPDevice.objects.create(
        user=user, name="demo", confirmed=True, key=builder.demo_totp_key(user.email)
    )
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setattr("sys.stderr", screen)
    call_command("demo_totp", user.email, force_color=True)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    key = builder.totp_secret_base32(user.email)
    assert screen.getvalue() == f"{code}\nkey for an authenticator app: {key}\n"
