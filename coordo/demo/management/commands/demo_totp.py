"""`manage.py demo_totp EMAIL`: the current two-factor code of a demo user (demo only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.demo import builder


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo user. Refuses any non-demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not email.endswith("@" + builder.EMAIL_DOMAIN):
            raise CommandError(f"email: {email} is not a demo account (@{builder.EMAIL_DOMAIN})")
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None or device.key != builder.demo_totp_key(email):
            raise CommandError(f"email: {email} has no demo authenticator (run load_demo first)")
        self.stdout.write(f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}\n")
        self.stdout.flush()
        # Plain text: Django's error colour would wrap the line's end, so a terminal's output
        # ended on a colour reset instead of a newline, and the hint read as an error.
        hint = f"key for an authenticator app: {builder.totp_secret_base32(email)}\n"
        self.stderr.write(hint, style_func=str)
