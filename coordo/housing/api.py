"""Housing endpoints: units, stays, the waiting list and the inventory import, under the
same rules as the pages (the shapes, with the secret address hidden, are in `schemas`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status, UploadedFile

from coordo.access import audit
from coordo.access.api_auth import api_principal
from coordo.access.ids import Id
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.queries import sites_of
from coordo.access.scoping import Principal
from coordo.api.input import named_by_body
from coordo.api.pagination import listed, paginate
from coordo.housing import actions, queries
from coordo.housing.importer import read_rows
from coordo.housing.models import Unit
from coordo.housing.schemas import (
    AdmitIn,
    AnswerIn,
    AnswerOut,
    EndIn,
    ImportOut,
    MoveIn,
    OfferIn,
    OfferOut,
    RequestIn,
    RequestOut,
    StayOut,
    UnitOut,
    offer_out,
    request_out,
    stay_out,
    unit_out,
)
from coordo.people.models import Household, Person
from coordo.people.queries import households_visible_to, persons_visible_to

router = Router(tags=["housing"])


def _who(
    principal: Principal, site_id: int, head_id: int | None, household_id: int | None
) -> tuple[Person, Household | None]:
    """A household (its head leads) or one person, registered at the site."""
    if household_id is not None:
        households = households_visible_to(principal).filter(site_id=site_id)
        household = get_object_or_404(households, pk=household_id)
        if household.head is not None:
            return household.head, household
    elif head_id is not None:
        persons = persons_visible_to(principal).filter(site_id=site_id)
        return get_object_or_404(persons, pk=head_id), None
    raise ValidationError({"head_id": _("Give a household or a person.")})


def _members(
    principal: Principal, household: Household | None, ids: list[int]
) -> list[Person] | None:
    """The persons named, among those the caller may see; the action checks they belong."""
    if not ids or household is None:
        return None
    members = list(persons_visible_to(principal).filter(pk__in=ids))
    if len(members) != len(set(ids)):
        raise ValidationError({"members": _("Choose members of this household only.")})
    return members


def _units(principal: Principal) -> QuerySet[Unit]:
    return queries.units_with_free_places(queries.units_visible_to(principal), timezone.localdate())


@router.get("/housing/units", response=list[UnitOut])
@paginate
def list_units(request: HttpRequest, site_id: Id | None = None) -> list[UnitOut]:
    principal = api_principal(request, Perm.HOUSING_VIEW)
    units = _units(principal)
    if site_id is not None:
        units = units.filter(building__site_id=site_id)
    return [unit_out(principal, unit) for unit in units[:1000]]


@router.get("/housing/units/{unit_id}", response=UnitOut)
def get_unit(request: HttpRequest, unit_id: Id) -> UnitOut:
    principal = api_principal(request)
    return unit_out(principal, get_object_or_404(_units(principal), pk=unit_id))


@router.get("/housing/stays", response=list[StayOut])
@paginate
def list_stays(
    request: HttpRequest, site_id: Id | None = None, current: bool = True
) -> list[StayOut]:
    principal = api_principal(request, Perm.STAY_VIEW)
    stays = queries.stays_visible_to(principal).filter(end__isnull=current)
    stays = stays.prefetch_related("occupancies__unit__building")
    return [stay_out(principal, stay) for stay in listed(principal, stays, site_id=site_id)]


@router.get("/housing/stays/{stay_id}", response=StayOut)
def get_stay(request: HttpRequest, stay_id: Id) -> StayOut:
    principal = api_principal(request)
    stay = queries.get_stay(principal, stay_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=stay)
    return stay_out(principal, stay)


@router.post("/housing/units/{unit_id}/stays", response={201: StayOut})
def admit(request: HttpRequest, unit_id: Id, payload: AdmitIn) -> Status:
    """Admit a household (everyone in it) or one person; 422 "no longer free" when taken."""
    principal = api_principal(request)
    unit = queries.get_unit(principal, unit_id, Perm.STAY_EDIT)
    site_id = unit.building.site_id
    head, household = _who(principal, site_id, payload.head_id, payload.household_id)
    stay = actions.admit_household(
        unit,
        head=head,
        household=household,
        members=_members(principal, household, payload.members),
        start=payload.start,
        planned_end=payload.planned_end,
        by=principal,
    )
    return Status(201, stay_out(principal, stay))


@router.post("/housing/stays/{stay_id}/move", response=StayOut)
def move_stay(request: HttpRequest, stay_id: Id, payload: MoveIn) -> StayOut:
    """Everyone of the stay to another unit of the site from the night of `on`."""
    principal = api_principal(request)
    stay = queries.get_stay(principal, stay_id, Perm.STAY_EDIT)
    units = queries.units_visible_to(principal, Perm.STAY_EDIT).filter(
        building__site_id=stay.site_id
    )
    unit = named_by_body(
        units, payload.unit_id, field="unit_id", refusal=_("Choose a unit of this site.")
    )
    stay = actions.move_stay(stay, unit=unit, on=payload.on, by=principal)
    return stay_out(principal, stay)


@router.post("/housing/stays/{stay_id}/end", response=StayOut)
def end_stay(request: HttpRequest, stay_id: Id, payload: EndIn) -> StayOut:
    principal = api_principal(request)
    stay = queries.get_stay(principal, stay_id, Perm.STAY_EDIT)
    stay = actions.end_stay(
        stay,
        end=payload.end,
        exit_reason=payload.exit_reason,
        destination=payload.destination,
        by=principal,
    )
    return stay_out(principal, stay)


@router.get("/housing/requests", response=list[RequestOut])
@paginate
def list_requests(request: HttpRequest, site_id: Id | None = None) -> list[RequestOut]:
    """The waiting list in order (priority, then date), with the days each household waited."""
    principal = api_principal(request, Perm.STAY_VIEW)
    requests = queries.requests_visible_to(principal).filter(status__in=["waiting", "offered"])
    listing = listed(principal, requests, site_id=site_id)
    return [request_out(place_request) for place_request in listing]


@router.post("/housing/requests", response={201: RequestOut})
def create_request(request: HttpRequest, payload: RequestIn) -> Status:
    principal = api_principal(request)
    principal.require(Perm.STAY_EDIT, payload.site_id)
    site_id = payload.site_id
    head, household = _who(principal, site_id, payload.head_id, payload.household_id)
    fields = payload.dict(exclude={"site_id", "head_id", "household_id"}, exclude_none=True)
    place_request = actions.create_place_request(
        site=head.site,
        head=head,
        household=household,
        by=principal,
        **fields,
    )
    return Status(201, request_out(place_request))


@router.post("/housing/requests/{request_id}/withdraw", response=RequestOut)
def withdraw_request(request: HttpRequest, request_id: Id) -> RequestOut:
    principal = api_principal(request)
    place_request = queries.get_request(principal, request_id, Perm.STAY_EDIT)
    place_request = actions.withdraw_place_request(place_request, by=principal)
    return request_out(place_request)


@router.post("/housing/units/{unit_id}/offers", response={201: OfferOut})
def offer_unit(request: HttpRequest, unit_id: Id, payload: OfferIn) -> Status:
    """Offer a free unit to a waiting household: the one named, or the next that fits."""
    principal = api_principal(request)
    unit = queries.get_unit(principal, unit_id, Perm.STAY_EDIT)
    place_request = None
    if payload.request_id is not None:
        place_request = named_by_body(
            queries.requests_visible_to(principal, Perm.STAY_EDIT),
            payload.request_id,
            field="request_id",
            refusal=_("No such request on this waiting list."),
        )
    offer = actions.offer_unit(
        unit,
        on=payload.on,
        request=place_request,
        by=principal,
    )
    return Status(201, offer_out(principal, offer))


@router.post("/housing/offers/{offer_id}/answer", response=AnswerOut)
def answer_offer(request: HttpRequest, offer_id: Id, payload: AnswerIn) -> AnswerOut:
    """Accepted: the household is admitted from `on`. Refused: the reason is kept."""
    principal = api_principal(request)
    offer = queries.get_offer(principal, offer_id)
    if payload.decision == "refuse":
        offer = actions.refuse_offer(
            offer, reason=payload.refusal_reason, on=payload.on, by=principal
        )
        return AnswerOut(offer=offer_out(principal, offer), stay=None)
    members = _members(principal, offer.request.household, payload.members)
    stay = actions.accept_offer(
        offer,
        start=payload.on,
        planned_end=payload.planned_end,
        members=members,
        by=principal,
    )
    return AnswerOut(offer=offer_out(principal, offer), stay=stay_out(principal, stay))


# Optional in the signature so that a missing one is named in the caller's language.
REQUIRED_FORM = {"multipart/form-data": {"schema": {"required": ["file", "site_id"]}}}


@router.post(
    "/housing/import",
    response={200: ImportOut, 400: ImportOut},
    openapi_extra={"requestBody": {"content": REQUIRED_FORM}},
)
def import_inventory(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    site_id: Form[Id | None] = None,
    only_valid: Form[bool] = False,
) -> Status:
    """Buildings and units from a CSV or XLSX file (multipart), as the import page does.

    All or nothing unless `only_valid`; 400 with the report, line by line, when nothing
    was written; 422 naming the field when the file itself cannot be read.
    """
    principal = api_principal(request, Perm.HOUSING_EDIT)
    if site_id is None:
        raise ValidationError({"site_id": _("Say which site the inventory belongs to.")})
    sites = sites_of(principal).filter(pk__in=principal.sites_where(Perm.HOUSING_EDIT))
    site = get_object_or_404(sites, pk=site_id)
    if file is None:
        raise ValidationError({"file": _("Send a .csv or .xlsx file.")})
    rows = read_rows(file, file.name or "")
    report = actions.import_inventory(
        site,
        rows=rows,
        only_valid_rows=only_valid,
        by=principal,
    )
    return Status(
        200 if report.written else 400, ImportOut.model_validate(report, from_attributes=True)
    )
