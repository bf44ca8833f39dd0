"""The partner directory over the API: the same organisation-wide reading rule as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.partners import queries

router = Router(tags=["partners"])


class ServiceOut(Schema):
    id: int
    name: str


class ContactOut(Schema):
    name: str
    role: str
    phone: str
    email: str


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    line: str
    languages: list[str]
    address: str
    opening_hours: str
    phone: str
    email: str
    is_active: bool
    services: list[ServiceOut]


class PartnerDetailOut(PartnerOut):
    contacts: list[ContactOut]


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined, no-any-return]


@router.get("/partners", response=list[PartnerOut])
@paginate
def list_partners(request: HttpRequest, kind: str = "") -> list[PartnerOut]:
    principal = _principal(request)
    if not principal.can(Perm.PARTNER_VIEW):
        raise PermissionDenied
    partners = queries.partners_visible_to(principal).prefetch_related("services")
    if kind:
        partners = partners.filter(kind=kind)
    return [PartnerOut.from_orm(partner) for partner in partners[:500]]


@router.get("/partners/{partner_id}", response=PartnerDetailOut)
def get_partner(request: HttpRequest, partner_id: int) -> PartnerDetailOut:
    return PartnerDetailOut.from_orm(queries.get_partner(_principal(request), partner_id))
