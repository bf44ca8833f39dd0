"""People endpoints: the same scoping and audit rules as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from coordo.access import audit
from coordo.access.api_auth import api_principal, named_worker
from coordo.access.ids import Id
from coordo.access.languages import Language
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.queries import get_site
from coordo.access.scoping import Principal
from coordo.api.input import Input
from coordo.api.pagination import listed, paginate
from coordo.people import actions, queries
from coordo.people.models import ConsentPurpose, Person, Relationship, Sex
from coordo.people.vocab import Nationality

router = Router(tags=["people"])

Name = Annotated[str, Field(min_length=1, max_length=100)]
BirthYear = Annotated[int, Field(ge=1900, le=2100)]
SearchText = Annotated[str, Field(max_length=100)]


class PersonOut(Schema):
    id: Id
    site_id: Id
    first_name: str
    last_name: str
    birth_date: date | None
    birth_year: int | None
    birth_year_approximate: bool
    sex: Sex
    gender: str
    nationality: Nationality | Literal[""]
    languages: list[Language]
    pseudonym: str
    phone: str | None = Field(description="Only for roles allowed to see contact details.")
    national_number: str | None = Field(description="Only for roles allowed to see it.")


class PersonIn(Input):
    site_id: Id
    first_name: Name
    last_name: Name
    birth_date: date | None = None
    birth_year: BirthYear | None = None
    birth_year_approximate: bool = False
    sex: Sex = Sex.UNKNOWN
    gender: str = Field("", max_length=60)
    nationality: Nationality | Literal[""] = ""
    languages: list[Language] = []
    phone: str = Field("", max_length=30)
    national_number: str = Field("", max_length=20)


class PersonPatch(Input):
    """Only the fields sent change; null clears a date or a year, and nothing else."""

    first_name: Name = None  # type: ignore[assignment]
    last_name: Name = None  # type: ignore[assignment]
    birth_date: date | None = None
    birth_year: BirthYear | None = None
    sex: Sex = None  # type: ignore[assignment]
    gender: str = Field(None, max_length=60)  # type: ignore[assignment]
    nationality: Nationality | Literal[""] = None  # type: ignore[assignment]
    languages: list[Language] = None  # type: ignore[assignment]
    phone: str = Field(None, max_length=30)  # type: ignore[assignment]
    national_number: str = Field(None, max_length=20)  # type: ignore[assignment]


class MemberOut(Schema):
    person_id: Id
    relationship: Relationship


class HouseholdOut(Schema):
    id: Id
    site_id: Id
    name: str
    head_id: Id | None
    members: list[MemberOut]


class ConsentIn(Input):
    purpose: ConsentPurpose
    given: bool
    date: date


class ConsentOut(Schema):
    id: Id
    purpose: ConsentPurpose
    given: bool
    date: date


def person_out(principal: Principal, person: Person) -> PersonOut:
    out = PersonOut.from_orm(person)
    if principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id):
        out.phone, out.national_number = person.phone, person.national_number
    else:
        out.phone = out.national_number = None
    return out


@router.get("/people", response=list[PersonOut])
@paginate
def list_people(
    request: HttpRequest, q: SearchText = "", site_id: Id | None = None
) -> list[PersonOut]:
    principal = api_principal(request, Perm.PERSON_VIEW)
    persons = queries.search_persons(principal, q, site_id=site_id)
    audit.record(
        AuditAction.SEARCH if q else AuditAction.LIST,
        principal=principal,
        object_type="people.person",
        site_id=site_id,
    )
    return [person_out(principal, person) for person in persons[:500]]


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: Id) -> PersonOut:
    principal = api_principal(request)
    person = queries.get_person(principal, person_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=person)
    return person_out(principal, person)


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status:
    principal = api_principal(request)
    site = get_site(principal, payload.site_id)
    fields = payload.dict(exclude={"site_id"})
    fields["national_number"] = "".join(ch for ch in fields["national_number"] if ch.isdigit())
    person = actions.register_person(site=site, by=principal, **fields)
    return Status(201, person_out(principal, person))


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: Id, payload: PersonPatch) -> PersonOut:
    principal = api_principal(request)
    person = queries.get_person(principal, person_id, Perm.PERSON_EDIT)
    fields = payload.dict(exclude_unset=True)
    if not principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id):
        fields.pop("phone", None)
        fields.pop("national_number", None)
    person = actions.update_person(person, by=principal, **fields)
    return person_out(principal, person)


@router.post("/people/{person_id}/consents", response={201: ConsentOut})
def record_consent(request: HttpRequest, person_id: Id, payload: ConsentIn) -> Status:
    principal = api_principal(request)
    person = queries.get_person(principal, person_id, Perm.CONSENT_EDIT)
    # A consent is recorded by a named worker, not an integration.
    record = actions.record_consent(person, by=named_worker(request), **payload.dict())
    return Status(201, ConsentOut.from_orm(record))


@router.get("/households", response=list[HouseholdOut])
@paginate
def list_households(request: HttpRequest, site_id: Id | None = None) -> list[HouseholdOut]:
    principal = api_principal(request, Perm.PERSON_VIEW)
    households = queries.households_visible_to(principal).prefetch_related("members")
    listing = listed(principal, households, site_id=site_id)
    return [HouseholdOut.from_orm(household) for household in listing]


@router.get("/households/{household_id}", response=HouseholdOut)
def get_household(request: HttpRequest, household_id: Id) -> HouseholdOut:
    principal = api_principal(request)
    household = queries.get_household(principal, household_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=household)
    return HouseholdOut.from_orm(household)
