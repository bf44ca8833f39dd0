"""One's own account, clicked as a person would: a new password, then a new phone."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_user
from coordo.access.roles import Role
from tests.browser.conftest import current_code, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-fresh-and-longer-secret"


def test_change_my_password_then_set_up_a_new_phone(page, site):
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    log_in(page, coordinator.email, PASSWORD, TOTPDevice.objects.get(user=coordinator))
    page.get_by_role("link", name="My account").click()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change my password").click()
    assert page.get_by_text("Your password is changed; your other sessions ended.").is_visible()
    page.get_by_role("link", name="Set up a new authenticator app").click()
    page.get_by_label("Your password").fill(NEW_PASSWORD)
    page.get_by_label("Code").fill(
        current_code(TOTPDevice.objects.get(user=coordinator, confirmed=False))
    )
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).count() == 1
