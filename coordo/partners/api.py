"""The partner directory over the API: the same organisation-wide reading rule as the pages."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from coordo.access.api_auth import api_principal
from coordo.access.ids import Id
from coordo.access.languages import Language
from coordo.access.policy import Perm
from coordo.api.pagination import paginate
from coordo.partners import queries
from coordo.partners.models import Line, PartnerKind

router = Router(tags=["partners"])


class ServiceOut(Schema):
    id: Id
    name: str


class ContactOut(Schema):
    name: str
    role: str
    phone: str
    email: str


class PartnerOut(Schema):
    id: Id
    name: str
    kind: PartnerKind
    line: Line
    languages: list[Language]
    address: str
    opening_hours: str
    phone: str
    email: str
    is_active: bool
    services: list[ServiceOut]


class PartnerDetailOut(PartnerOut):
    contacts: list[ContactOut]


@router.get("/partners", response=list[PartnerOut])
@paginate
def list_partners(request: HttpRequest, kind: PartnerKind | Literal[""] = "") -> list[PartnerOut]:
    principal = api_principal(request, Perm.PARTNER_VIEW)
    partners = queries.partners_visible_to(principal).prefetch_related("services")
    if kind:
        partners = partners.filter(kind=kind)
    return [PartnerOut.from_orm(partner) for partner in partners[:500]]


@router.get("/partners/{partner_id}", response=PartnerDetailOut)
def get_partner(request: HttpRequest, partner_id: Id) -> PartnerDetailOut:
    return PartnerDetailOut.from_orm(queries.get_partner(api_principal(request), partner_id))
