"""Small builders for the network, arrivals and screenings, shared by tests and the matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import make_household, make_person, make_site
from coordo.access.models import Organisation, User
from coordo.access.roles import SiteKind
from coordo.dispatch.models import (
    Arrival,
    MedicalScreening,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
)
from coordo.people.models import Household


def make_centre(
    organisation: Organisation,
    code: str,
    *,
    region: str = "brussels",
    language: str = "fr",
    daily_intake: int = 10,
    name: str | None = None,
) -> ReceptionCentre:
    site = make_site(organisation, name or f"Centre {code}", SiteKind.RECEPTION_CENTRE)
    return ReceptionCentre.objects.create(
        organisation=organisation,
        site=site,
        code=code,
        region=region,
        language=language,
        model="collective",
        daily_intake=daily_intake,
    )


def make_unit(
    centre: ReceptionCentre,
    code: str,
    *,
    kind: str = "private",
    beds: int = 4,
    free: int | None = None,
    **flags: bool,
) -> ReceptionUnit:
    return ReceptionUnit.objects.create(
        organisation_id=centre.organisation_id,
        centre=centre,
        code=code,
        kind=kind,
        beds=beds,
        free=beds if free is None else free,
        **flags,
    )


def make_family(site: Any, last: str, *children_years: int, head_sex: str = "F") -> Household:
    head = make_person(site, "Hawa", last, birth_year=1988, sex=head_sex, languages=["fr"])
    children = [
        make_person(site, f"Enfant{i}", last, birth_year=year, sex="M")
        for i, year in enumerate(children_years)
    ]
    return make_household(site, head, *children)


def make_arrival(
    household: Household,
    *,
    by: User,
    registered: date = date(2026, 11, 20),
    screened: bool = True,
    **social: Any,
) -> Arrival:
    arrival = Arrival.objects.create(
        organisation_id=household.organisation_id,
        site_id=household.site_id,
        household=household,
        registered=registered,
        registered_by=by,
    )
    if screened:
        SocialScreening.objects.create(
            organisation_id=household.organisation_id, arrival=arrival, screened_by=by, **social
        )
    return arrival


def make_medical(arrival: Arrival, *, by: User, details: str, **needs: bool) -> MedicalScreening:
    return MedicalScreening.objects.create(
        organisation_id=arrival.organisation_id,
        arrival=arrival,
        screened_by=by,
        details=details,
        **needs,
    )
