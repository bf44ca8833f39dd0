"""Every demo role logs in through Chromium, second factor included where the role needs it."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.policy import POLICY
from coordo.demo import builder
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_demo_role_logs_in_in_chromium(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    builder.build()
    for demo_user in builder.USERS:
        device = (
            TOTPDevice.objects.get(user__email=demo_user.email)
            if POLICY[demo_user.role].mfa_required
            else None
        )
        log_in(page, demo_user.email, demo_user.password, device)
        assert page.get_by_role("heading", name=f"Hello {demo_user.full_name}").is_visible()
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url("**/accounts/login/")


def test_the_keyboard_reaches_the_skip_link_first_and_it_jumps_to_the_content(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    builder.build()
    host = next(user for user in builder.USERS if user.role == "host")
    log_in(page, host.email, host.password)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
