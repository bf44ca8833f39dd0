"""People endpoints: the same scoping and audit rules as the pages."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from coordo.access import audit
from coordo.access.models import AuditAction, Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.people import actions, queries
from coordo.people.models import ConsentPurpose, Person, Relationship, Sex

router = Router(tags=["people"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _acting_user(request: HttpRequest, principal: Principal) -> User | None:
    """The named worker behind a session call; integrations act as their token."""
    user = request.user
    return user if principal.user_id and isinstance(user, User) else None


class PersonOut(Schema):
    id: int
    site_id: int
    first_name: str
    last_name: str
    birth_date: date | None
    birth_year: int | None
    birth_year_approximate: bool
    sex: str
    gender: str
    nationality: str
    languages: list[str]
    pseudonym: str
    phone: str | None = Field(None, description="Only for roles allowed to see contact details.")
    national_number: str | None = Field(None, description="Only for roles allowed to see it.")


class PersonIn(Schema):
    site_id: int
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    birth_date: date | None = None
    birth_year: int | None = None
    birth_year_approximate: bool = False
    sex: Sex = Sex.UNKNOWN
    gender: str = ""
    nationality: str = ""
    languages: list[str] = []
    phone: str = ""
    national_number: str = ""


class PersonPatch(Schema):
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    birth_date: date | None = None
    birth_year: int | None = None
    sex: Sex | None = None
    gender: str | None = None
    nationality: str | None = None
    languages: list[str] | None = None
    phone: str | None = None
    national_number: str | None = None


class MemberOut(Schema):
    person_id: int
    relationship: Relationship


class HouseholdOut(Schema):
    id: int
    site_id: int
    name: str
    head_id: int | None
    members: list[MemberOut]


class ConsentIn(Schema):
    purpose: ConsentPurpose
    given: bool
    date: date


class ConsentOut(Schema):
    id: int
    purpose: str
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
def list_people(request: HttpRequest, q: str = "", site_id: int | None = None) -> list[PersonOut]:
    principal = _principal(request)
    if not principal.can(Perm.PERSON_VIEW):
        raise PermissionDenied
    persons = queries.search_persons(principal, q, site_id=site_id)
    audit.record(
        AuditAction.SEARCH if q else AuditAction.LIST, principal=principal,
        object_type="people.person", site_id=site_id,
    )  # fmt: skip
    return [person_out(principal, person) for person in persons[:500]]


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    principal = _principal(request)
    person = queries.get_person(principal, person_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=person)
    return person_out(principal, person)


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status:
    principal = _principal(request)
    site = get_object_or_404(
        Site.objects.filter(organisation_id=principal.organisation_id), pk=payload.site_id
    )
    fields = payload.dict(exclude={"site_id"})
    fields["national_number"] = "".join(ch for ch in fields["national_number"] if ch.isdigit())
    person = actions.register_person(
        site=site, by=_acting_user(request, principal), principal=principal, **fields
    )
    return Status(201, person_out(principal, person))


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonOut:
    principal = _principal(request)
    person = queries.get_person(principal, person_id, Perm.PERSON_EDIT)
    fields = payload.dict(exclude_unset=True)
    if not principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id):
        fields.pop("phone", None)
        fields.pop("national_number", None)
    person = actions.update_person(
        person, by=_acting_user(request, principal), principal=principal, **fields
    )
    return person_out(principal, person)


@router.post("/people/{person_id}/consents", response={201: ConsentOut})
def record_consent(request: HttpRequest, person_id: int, payload: ConsentIn) -> Status:
    principal = _principal(request)
    person = queries.get_person(principal, person_id, Perm.CONSENT_EDIT)
    worker = _acting_user(request, principal)
    if worker is None:
        raise PermissionDenied  # a consent is recorded by a named worker, not an integration
    record = actions.record_consent(person, by=worker, principal=principal, **payload.dict())
    return Status(201, ConsentOut.from_orm(record))


@router.get("/households", response=list[HouseholdOut])
@paginate
def list_households(request: HttpRequest, site_id: int | None = None) -> list[HouseholdOut]:
    principal = _principal(request)
    if not principal.can(Perm.PERSON_VIEW):
        raise PermissionDenied
    households = queries.households_visible_to(principal).prefetch_related("members")
    if site_id is not None:
        households = households.filter(site_id=site_id)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="people.household", site_id=site_id
    )
    return [HouseholdOut.from_orm(household) for household in households[:500]]


@router.get("/households/{household_id}", response=HouseholdOut)
def get_household(request: HttpRequest, household_id: int) -> HouseholdOut:
    principal = _principal(request)
    household = queries.get_household(principal, household_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=household)
    return HouseholdOut.from_orm(household)
