"""Case-work endpoints: requests, case-file metadata and referrals, scoped like the pages.

Case files are exposed as metadata only (status, referent, dates): notes stay in the pages,
where their confidentiality level is shown to the reader.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from coordo.access import audit
from coordo.access.models import AuditAction, Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework import actions, queries
from coordo.casework.models import ReferralStatus, RequestKind, Urgency
from coordo.partners.queries import partners_visible_to
from coordo.people.queries import get_person

router = Router(tags=["casework"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _acting_user(request: HttpRequest, principal: Principal) -> User | None:
    user = request.user
    return user if principal.user_id and isinstance(user, User) else None


def _require(principal: Principal, perm: Perm) -> None:
    if not principal.can(perm):
        raise PermissionDenied


class DeskRequestOut(Schema):
    id: int
    site_id: int
    person_id: int
    kind: str
    urgency: str
    language: str
    interpreter_needed: bool
    received_at: datetime
    outcome: str


class DeskRequestIn(Schema):
    site_id: int
    kind: RequestKind
    urgency: Urgency = Urgency.NORMAL
    language: str = Field("", max_length=5)
    interpreter_needed: bool = False


class CaseFileOut(Schema):
    id: int
    site_id: int
    person_id: int
    household_id: int | None
    referent_id: int
    status: str
    opened_at: date
    closed_at: date | None


class ReferralOut(Schema):
    id: int
    site_id: int
    person_id: int
    partner_id: int
    service_id: int | None
    reason: str
    urgency: str
    status: str
    refusal_reason: str
    due_date: date
    sent_at: datetime
    answered_at: datetime | None


class ReferralIn(Schema):
    site_id: int
    partner_id: int
    service_id: int | None = None
    reason: str = Field(..., min_length=1, max_length=250)
    urgency: Urgency = Urgency.NORMAL
    consent_given: bool
    information_shared: str = Field("", max_length=250)
    due_date: date


class ReferralPatch(Schema):
    status: ReferralStatus
    refusal_reason: str = ""


def _site(principal: Principal, site_id: int) -> Site:
    return get_object_or_404(
        Site.objects.filter(organisation_id=principal.organisation_id), pk=site_id
    )


@router.get("/desk-requests", response=list[DeskRequestOut])
@paginate
def list_desk_requests(request: HttpRequest, site_id: int | None = None) -> list[DeskRequestOut]:
    principal = _principal(request)
    _require(principal, Perm.REQUEST_EDIT)
    requests = queries.requests_visible_to(principal)
    if site_id is not None:
        requests = requests.filter(site_id=site_id)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.request", site_id=site_id
    )
    return [DeskRequestOut.from_orm(item) for item in requests[:500]]


@router.post("/people/{person_id}/desk-requests", response={201: DeskRequestOut})
def create_desk_request(request: HttpRequest, person_id: int, payload: DeskRequestIn) -> Status:
    principal = _principal(request)
    _require(principal, Perm.REQUEST_EDIT)
    person = get_person(principal, person_id)
    created = actions.register_request(
        site=_site(principal, payload.site_id), person=person,
        by=_acting_user(request, principal), principal=principal,
        **payload.dict(exclude={"site_id"}),
    )  # fmt: skip
    return Status(201, DeskRequestOut.from_orm(created))


@router.get("/case-files", response=list[CaseFileOut])
@paginate
def list_case_files(request: HttpRequest, site_id: int | None = None) -> list[CaseFileOut]:
    principal = _principal(request)
    _require(principal, Perm.CASE_VIEW)
    files = queries.case_files_visible_to(principal)
    if site_id is not None:
        files = files.filter(site_id=site_id)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.casefile", site_id=site_id
    )
    return [CaseFileOut.from_orm(case_file) for case_file in files[:500]]


@router.get("/case-files/{case_file_id}", response=CaseFileOut)
def get_case_file(request: HttpRequest, case_file_id: int) -> CaseFileOut:
    principal = _principal(request)
    case_file = queries.get_case_file(principal, case_file_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=case_file)
    return CaseFileOut.from_orm(case_file)


@router.get("/referrals", response=list[ReferralOut])
@paginate
def list_referrals(request: HttpRequest, status: str = "") -> list[ReferralOut]:
    principal = _principal(request)
    _require(principal, Perm.REFERRAL_EDIT)
    referrals = queries.referrals_visible_to(principal)
    if status:
        referrals = referrals.filter(status=status)
    audit.record(AuditAction.LIST, principal=principal, object_type="casework.referral")
    return [ReferralOut.from_orm(referral) for referral in referrals[:500]]


@router.post("/people/{person_id}/referrals", response={201: ReferralOut})
def create_referral(request: HttpRequest, person_id: int, payload: ReferralIn) -> Status:
    principal = _principal(request)
    _require(principal, Perm.REFERRAL_EDIT)
    person = get_person(principal, person_id)
    worker = _acting_user(request, principal)
    if worker is None:
        raise PermissionDenied  # a referral is made by a named worker, who asked the consent
    partner = partners_visible_to(principal).filter(pk=payload.partner_id).first()
    if partner is None:
        raise ValidationError({"partner_id": _("No partner with this id in your directory.")})
    service = None
    if payload.service_id is not None:
        service = partner.services.filter(pk=payload.service_id).first()
        if service is None:
            raise ValidationError({"service_id": _("This partner offers no service with this id.")})
    referral = actions.refer_person(
        site=_site(principal, payload.site_id), person=person, partner=partner, service=service,
        by=worker, principal=principal,
        **payload.dict(exclude={"site_id", "partner_id", "service_id"}),
    )  # fmt: skip
    return Status(201, ReferralOut.from_orm(referral))


@router.patch("/referrals/{referral_id}", response=ReferralOut)
def update_referral(request: HttpRequest, referral_id: int, payload: ReferralPatch) -> ReferralOut:
    principal = _principal(request)
    referral = queries.get_referral(principal, referral_id)
    referral = actions.update_referral_status(
        referral, status=payload.status, refusal_reason=payload.refusal_reason,
        by=_acting_user(request, principal), principal=principal,
    )  # fmt: skip
    return ReferralOut.from_orm(referral)
