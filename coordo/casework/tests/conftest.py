"""Case work fixtures: a partner, an open case file, a restricted note, a medical colleague."""

from __future__ import annotations

import pytest

from conftest import make_user
from coordo.access.models import Site, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.casework.models import CaseFile, Level, Note
from coordo.partners.models import Partner, PartnerKind, Service
from coordo.people.models import Person


@pytest.fixture
def medical(site: Site) -> User:
    return make_user(site, Role.MEDICAL)


@pytest.fixture
def partner(site: Site) -> Partner:
    partner = Partner.objects.create(
        organisation=site.organisation,
        name="Planning Familial des Tilleuls",
        kind=PartnerKind.FAMILY_PLANNING,
    )
    Service.objects.create(organisation=site.organisation, partner=partner, name="Gynaecology")
    return partner


@pytest.fixture
def case_file(site: Site, person: Person, social_worker: User) -> CaseFile:
    return CaseFile.objects.create(
        organisation=site.organisation, site=site, person=person, referent=social_worker
    )


def principal(user: User):  # noqa: ANN201 - a short alias for tests
    return principal_for_user(user)


@pytest.fixture
def restricted_note(case_file: CaseFile, social_worker: User) -> Note:
    return Note.objects.create(
        organisation=case_file.organisation,
        site=case_file.site,
        case_file=case_file,
        author=social_worker,
        level=Level.RESTRICTED,
        body="Spoke about her safety.",
    )
