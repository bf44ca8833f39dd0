"""Housing flows in Chromium: admit on the board, end a stay, the secret address kept secret."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_household, make_person, make_user
from coordo.access.roles import Role
from coordo.housing.actions import admit_household
from coordo.housing.models import Stay
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.people.models import Sex
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET = "Rue des Iris 9, 5000 Namur"


def test_admit_a_household_from_a_free_stretch_of_the_board(page, site):
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    unit = make_unit(make_building(site, "Maison Lierre"), "Appartement A", capacity=3, family=True)
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1990)
    household = make_household(site, mother, make_person(site, "Issa", "Kone", birth_year=2019))
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.get_by_role("link", name="Housing", exact=True).click()
    expect(page.get_by_role("heading", name=f"Occupancy board · {site.name}")).to_be_visible()
    today = timezone.localdate()
    page.get_by_role("link", name=re.compile(rf"^3 free from {today.day} .* to .*: admit$")).click()
    panel = page.locator("#board-panel")
    expect(panel.get_by_label("Unit")).to_have_value(str(unit.pk))
    # The form opens in view, on its first field, and offers no night gone by.
    expect(panel.get_by_label("Household")).to_be_focused()
    expect(panel.get_by_role("button", name="Save")).to_be_in_viewport()
    expect(panel.get_by_label("Entry date")).to_have_attribute("min", today.isoformat())
    panel.get_by_label("Household").select_option(label=household.name)
    panel.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The stay has begun.")).to_be_visible()
    expect(page.get_by_role("link", name="Awa Kone ×2")).to_be_visible()
    assert Stay.objects.get().occupancies.count() == 2


def test_admit_a_household_without_its_adult_son(page, site):
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    unit = make_unit(make_building(site, "Maison Lierre"), "Appartement A", capacity=3, family=True)
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1975)
    son = make_person(site, "Moussa", "Kone", sex=Sex.MALE, birth_year=2003)
    household = make_household(
        site, mother, son, make_person(site, "Issa", "Kone", birth_year=2015)
    )
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.goto(f"/housing/stays/admit/?unit={unit.pk}")
    page.get_by_label("Household").select_option(label=household.name)
    expect(page.get_by_label(str(son))).to_be_checked()
    page.get_by_label(str(son)).uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The stay has begun.")).to_be_visible()
    assert sorted(Stay.objects.get().occupancies.values_list("person__first_name", flat=True)) == [
        "Awa",
        "Issa",
    ]


def test_end_a_stay_with_its_destination_from_the_board(page, site):
    worker = make_user(site, Role.SOCIAL_WORKER, mfa_device=True)
    unit = make_unit(make_building(site, "Refuge"), "Chambre 1", capacity=2)
    today = timezone.localdate()
    stay = admit_household(
        unit,
        head=make_person(site, "Sara", "Ba"),
        start=today - timedelta(days=20),
        by=principal(worker),
    )
    log_in(page, worker.email, PASSWORD, worker.totpdevice_set.get())
    page.goto("/housing/")
    page.get_by_role("link", name="Sara Ba").click()
    panel = page.locator("#board-panel")
    panel.get_by_label("Exit reason").select_option(label="Housing found")
    panel.get_by_label("Destination").select_option(label="Social housing (SLSP, AIS, SISP)")
    panel.get_by_role("button", name="End the stay").click()
    expect(page.get_by_text("The stay has ended.")).to_be_visible()
    expect(page.get_by_text("Housing found · Social housing (SLSP, AIS, SISP)")).to_be_visible()
    stay.refresh_from_db()
    assert (stay.end, stay.destination) == (today, "social_housing")


def test_a_social_worker_of_another_site_never_sees_the_secret_address(page, site, other_site):
    secret = make_building(site, "Appartement discret", confidential=True)
    secret.address = SECRET
    secret.save()
    unit = make_unit(secret, "C", capacity=4, family=True)
    make_unit(make_building(other_site, "Accueil"), "Chambre", capacity=2)
    own = make_user(site, Role.SOCIAL_WORKER)
    admit_household(
        unit,
        head=make_person(site, "Awa", "Kone"),
        start=timezone.localdate(),
        by=principal(own),
    )
    stranger = make_user(other_site, Role.SOCIAL_WORKER, mfa_device=True)
    log_in(page, stranger.email, PASSWORD, stranger.totpdevice_set.get())
    for path in (
        "/",
        "/housing/",
        "/housing/buildings/",
        "/housing/stays/",
        "/housing/waiting/",
        "/api/housing/units",
        "/api/housing/stays",
        f"/housing/units/{unit.pk}/edit/",
        f"/housing/buildings/{secret.pk}/edit/",
    ):
        page.goto(path)
        assert SECRET not in page.content(), path
        assert "Appartement discret" not in page.content(), path
