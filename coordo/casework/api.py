"""Case-work endpoints: requests, case-file metadata and referrals, scoped like the pages.

Case files are exposed as metadata only (status, referent, dates): notes stay in the pages,
where their confidentiality level is shown to the reader.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from coordo.access import audit
from coordo.access.api_auth import api_principal, named_worker
from coordo.access.ids import Id
from coordo.access.languages import Language
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.queries import get_site
from coordo.api.input import Input, named_by_body
from coordo.api.pagination import listed, paginate
from coordo.casework import actions, queries
from coordo.casework.models import CaseStatus, Outcome, ReferralStatus, RequestKind, Urgency
from coordo.partners.queries import partners_visible_to
from coordo.people.queries import get_person

router = Router(tags=["casework"])


class DeskRequestOut(Schema):
    id: Id
    site_id: Id
    person_id: Id
    kind: RequestKind
    urgency: Urgency
    language: Language | Literal[""]
    interpreter_needed: bool
    received_at: datetime
    outcome: Outcome | Literal[""]


class DeskRequestIn(Input):
    site_id: Id
    kind: RequestKind
    urgency: Urgency = Urgency.NORMAL
    language: Language | Literal[""] = ""
    interpreter_needed: bool = False


class CaseFileOut(Schema):
    id: Id
    site_id: Id
    person_id: Id
    household_id: Id | None
    referent_id: Id
    status: CaseStatus
    opened_at: date
    closed_at: date | None


class ReferralOut(Schema):
    id: Id
    site_id: Id
    person_id: Id
    partner_id: Id
    service_id: Id | None
    reason: str
    urgency: Urgency
    status: ReferralStatus
    refusal_reason: str
    due_date: date
    sent_at: datetime
    answered_at: datetime | None


class ReferralIn(Input):
    site_id: Id
    partner_id: Id
    service_id: Id | None = None
    reason: str = Field(..., min_length=1, max_length=250)
    urgency: Urgency = Urgency.NORMAL
    consent_given: bool
    information_shared: str = Field("", max_length=250)
    due_date: date


class ReferralPatch(Input):
    status: ReferralStatus
    refusal_reason: str = Field("", max_length=250)


@router.get("/desk-requests", response=list[DeskRequestOut])
@paginate
def list_desk_requests(request: HttpRequest, site_id: Id | None = None) -> list[DeskRequestOut]:
    principal = api_principal(request, Perm.REQUEST_EDIT)
    requests = listed(principal, queries.requests_visible_to(principal), site_id=site_id)
    return [DeskRequestOut.from_orm(item) for item in requests]


@router.post("/people/{person_id}/desk-requests", response={201: DeskRequestOut})
def create_desk_request(request: HttpRequest, person_id: Id, payload: DeskRequestIn) -> Status:
    principal = api_principal(request, Perm.REQUEST_EDIT)
    person = get_person(principal, person_id, Perm.REQUEST_EDIT)
    created = actions.register_request(
        site=get_site(principal, payload.site_id),
        person=person,
        by=principal,
        **payload.dict(exclude={"site_id"}),
    )
    return Status(201, DeskRequestOut.from_orm(created))


@router.get("/case-files", response=list[CaseFileOut])
@paginate
def list_case_files(request: HttpRequest, site_id: Id | None = None) -> list[CaseFileOut]:
    principal = api_principal(request, Perm.CASE_VIEW)
    files = listed(principal, queries.case_files_visible_to(principal), site_id=site_id)
    return [CaseFileOut.from_orm(case_file) for case_file in files]


@router.get("/case-files/{case_file_id}", response=CaseFileOut)
def get_case_file(request: HttpRequest, case_file_id: Id) -> CaseFileOut:
    principal = api_principal(request)
    case_file = queries.get_case_file(principal, case_file_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=case_file)
    return CaseFileOut.from_orm(case_file)


@router.get("/referrals", response=list[ReferralOut])
@paginate
def list_referrals(
    request: HttpRequest, status: ReferralStatus | Literal[""] = ""
) -> list[ReferralOut]:
    principal = api_principal(request, Perm.REFERRAL_EDIT)
    referrals = queries.referrals_visible_to(principal)
    if status:
        referrals = referrals.filter(status=status)
    return [ReferralOut.from_orm(referral) for referral in listed(principal, referrals)]


@router.post("/people/{person_id}/referrals", response={201: ReferralOut})
def create_referral(request: HttpRequest, person_id: Id, payload: ReferralIn) -> Status:
    principal = api_principal(request, Perm.REFERRAL_EDIT)
    person = get_person(principal, person_id, Perm.REFERRAL_EDIT)
    by = named_worker(request)  # a referral is made by a named worker, who asked the consent
    partner = named_by_body(
        partners_visible_to(principal),
        payload.partner_id,
        field="partner_id",
        refusal=_("No partner with this id in your directory."),
    )
    service = None
    if payload.service_id is not None:
        service = named_by_body(
            partner.services.all(),
            payload.service_id,
            field="service_id",
            refusal=_("This partner offers no service with this id."),
        )
    referral = actions.refer_person(
        site=get_site(principal, payload.site_id),
        person=person,
        partner=partner,
        service=service,
        by=by,
        **payload.dict(exclude={"site_id", "partner_id", "service_id"}),
    )
    return Status(201, ReferralOut.from_orm(referral))


@router.patch("/referrals/{referral_id}", response=ReferralOut)
def update_referral(request: HttpRequest, referral_id: Id, payload: ReferralPatch) -> ReferralOut:
    principal = api_principal(request)
    referral = queries.get_referral(principal, referral_id)
    referral = actions.update_referral_status(
        referral,
        status=payload.status,
        refusal_reason=payload.refusal_reason,
        by=principal,
    )
    return ReferralOut.from_orm(referral)
