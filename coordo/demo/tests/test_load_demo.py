from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.models import Membership, Site, User
from coordo.access.policy import POLICY
from coordo.access.roles import Role, SiteKind
from coordo.demo import builder
from coordo.housing.models import Building, Unit, UnitKind
from coordo.people.models import ConsentRecord, Household, HouseholdMember, Person

ROOT = Path(__file__).resolve().parents[3]


def counts() -> dict[str, int]:
    models = [
        User,
        Site,
        Membership,
        Person,
        Household,
        HouseholdMember,
        ConsentRecord,
        TOTPDevice,
        Building,
        Unit,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_demo_is_built_in_under_30_seconds_and_a_second_run_changes_nothing():
    started = time.monotonic()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert time.monotonic() - started < 30
    first = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first["Person"] >= 200
    assert first["User"] == len(Role.values)


@pytest.mark.django_db
def test_the_demo_has_every_kind_of_site_and_a_user_for_every_role():
    builder.build()
    assert set(Site.objects.values_list("kind", flat=True)) == set(SiteKind.values)
    assert Site.objects.filter(kind=SiteKind.RECEPTION_CENTRE).count() >= 2
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


@pytest.mark.django_db
def test_the_transitional_house_has_seven_studios_and_three_apartments_one_at_a_secret_address():
    builder.build()
    units = Unit.objects.filter(building__site__kind=SiteKind.TRANSITIONAL_HOUSING)
    assert units.filter(kind=UnitKind.STUDIO).count() == 7
    assert units.filter(kind=UnitKind.APARTMENT).count() == 3
    assert units.filter(building__confidential=True).count() == 1


@pytest.mark.django_db
def test_every_demo_login_works(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    builder.build()
    for demo_user in builder.USERS:
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": demo_user.email, "password": demo_user.password}
        )
        assert response.status_code == 302, demo_user.email
        if POLICY[demo_user.role].mfa_required:
            device = TOTPDevice.objects.get(user__email=demo_user.email)
            code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
            assert client.post("/accounts/mfa/verify/", {"code": code}).status_code == 302
        assert client.get("/").status_code == 200, demo_user.email


def test_no_name_from_the_job_postings_appears_in_the_code():
    banned = [
        "L'Ilot",
        "Ilot",
        "Sister's House",
        "Plateforme Citoyenne",
        "BELRefugees",
        "Fedasil",
        "RÉZONE",
        "Rezone",
        "LE DELTA",
        "Marchienne",
    ]
    sources = [p for p in (ROOT / "coordo").rglob("*") if p.suffix in {".py", ".html", ".po"}]
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(name) for name in banned) + r")\b", re.IGNORECASE
    )
    offending = [
        (str(path.relative_to(ROOT)), match.group(0))
        for path in sources
        if path.name != "test_load_demo.py"
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []
