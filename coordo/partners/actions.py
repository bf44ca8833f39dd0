"""Writes to the partner directory and conventions: one transaction, one audit row each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Organisation, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.partners.models import Contact, Convention, Partner, Service
from coordo.web import uploads

PARTNER_FIELDS = ("name", "kind", "line", "languages", "address", "opening_hours", "phone", "email")


@transaction.atomic
def create_partner(
    *,
    organisation: Organisation,
    services: list[str] | tuple[str, ...] = (),
    by: Principal,
    **fields: Any,
) -> Partner:
    by.require(Perm.PARTNER_EDIT)
    if organisation.pk != by.organisation_id:
        raise PermissionDenied
    partner = Partner(organisation=organisation)
    writes.assign(partner, PARTNER_FIELDS, fields)
    partner.full_clean()
    partner.save()
    for service in services:
        if service.strip():
            Service.objects.create(organisation=organisation, partner=partner, name=service.strip())
    audit.record(AuditAction.CREATE, principal=by, obj=partner)
    return partner


@transaction.atomic
def update_partner(partner: Partner, *, by: Principal, **fields: Any) -> Partner:
    """Change the directory entry; `services` lists the services to add."""
    by.require(Perm.PARTNER_EDIT)
    if partner.organisation_id != by.organisation_id:
        raise PermissionDenied
    writes.assign(partner, (*PARTNER_FIELDS, "is_active"), fields)
    partner.full_clean()
    partner.save()
    known = set(partner.services.values_list("name", flat=True))
    for service in fields.get("services", ()):
        if service not in known:
            Service.objects.create(
                organisation_id=partner.organisation_id, partner=partner, name=service
            )
    audit.record(AuditAction.UPDATE, principal=by, obj=partner)
    return partner


@transaction.atomic
def add_contact(partner: Partner, *, by: Principal, **fields: Any) -> Contact:
    by.require(Perm.PARTNER_EDIT)
    contact = Contact(organisation_id=partner.organisation_id, partner=partner, **fields)
    return writes.save_new(contact, by=by)


@transaction.atomic
def add_service(partner: Partner, *, name: str, by: Principal) -> Service:
    by.require(Perm.PARTNER_EDIT)
    service = Service(organisation_id=partner.organisation_id, partner=partner, name=name)
    return writes.save_new(service, by=by)


@transaction.atomic
def sign_convention(
    *,
    site: Site,
    partner: Partner,
    subject: str,
    start_date: date,
    end_date: date,
    renewal_notice_days: int = 90,
    other_parties: str = "",
    insurance: str = "",
    document: UploadedFile | None = None,
    by: Principal,
) -> Convention:
    by.require(Perm.CONVENTION_EDIT, site.pk)
    if partner.organisation_id != site.organisation_id:
        raise ValidationError(
            {"partner": _("Choose a partner from your organisation's directory.")}
        )
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    convention = Convention(
        organisation_id=site.organisation_id,
        site=site,
        partner=partner,
        subject=subject,
        start_date=start_date,
        end_date=end_date,
        renewal_notice_days=renewal_notice_days,
        other_parties=other_parties,
        insurance=insurance,
        created_by_id=by.named_worker_id(),
    )
    convention.renewal_due = convention.compute_renewal_due()
    convention.full_clean(exclude=["document"])
    if document is not None:
        sniffed = uploads.validate_upload(document, field="document")
        convention.document.save(uploads.stored_name(sniffed), document, save=False)
        convention.document_type = sniffed.content_type
    return writes.save_new_with_file(convention, file_field="document", by=by)
