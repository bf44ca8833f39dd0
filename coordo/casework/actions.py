"""Every write of case work: one transaction, a permission check and one audit row each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import audit
from coordo.access.models import AuditAction, Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.models import (
    Appointment,
    Attachment,
    CaseFile,
    CaseFileReopening,
    CaseStatus,
    Goal,
    Level,
    Note,
    Outcome,
    Referral,
    ReferralStatus,
    Request,
)
from coordo.partners.models import Partner, Service
from coordo.people.actions import register_person
from coordo.people.models import Person
from coordo.web import uploads

# Audit rows name the record type; a lowered level is told apart from an ordinary edit.
NOTE_LEVEL_LOWERED = "casework.note.level_lowered"
CASE_FILE_REOPENED = "casework.casefile.reopened"
CLOSED_FILE_MESSAGE = _(
    "This case file is closed: a coordinator must reopen it before it can be changed."
)


def _check(principal: Principal, perm: Perm, site_id: int) -> None:
    if not principal.can(perm, site_id):
        raise PermissionDenied


def _check_person(principal: Principal, person: Person, site: Site, perm: Perm) -> None:
    # `perm` at the person's site too: a role at another site must not carry her there.
    if person.organisation_id != site.organisation_id or not principal.can(perm, person.site_id):
        raise ValidationError({"person": _("Choose a person registered in your organisation.")})


def _require_open(case_file: CaseFile) -> None:
    """A closed file is read-only until reopened; read under lock so a close in between wins."""
    status = (
        CaseFile.objects.select_for_update().values_list("status", flat=True).get(pk=case_file.pk)
    )
    if status == CaseStatus.CLOSED:
        raise ValidationError(CLOSED_FILE_MESSAGE)


@transaction.atomic
def register_request(
    *,
    site: Site,
    person: Person,
    kind: str,
    urgency: str,
    language: str = "",
    interpreter_needed: bool = False,
    by: User | None,
    principal: Principal,
) -> Request:
    _check(principal, Perm.REQUEST_EDIT, site.pk)
    _check_person(principal, person, site, Perm.REQUEST_EDIT)
    request = Request(
        organisation_id=site.organisation_id, site=site, person=person, kind=kind,
        urgency=urgency, language=language, interpreter_needed=interpreter_needed, received_by=by,
    )  # fmt: skip
    request.full_clean()
    request.save()
    audit.record(AuditAction.CREATE, principal=principal, obj=request)
    return request


@transaction.atomic
def register_walk_in(
    *,
    site: Site,
    person_fields: dict[str, Any],
    by: User | None,
    principal: Principal,
    **request_fields: Any,
) -> Request:
    """A first visit: the person and her request are written together, or neither is."""
    person = register_person(site=site, by=by, principal=principal, **person_fields)
    return register_request(site=site, person=person, by=by, principal=principal, **request_fields)


@transaction.atomic
def record_outcome(
    request: Request, *, outcome: str, by: User | None, principal: Principal
) -> Request:
    _check(principal, Perm.REQUEST_EDIT, request.site_id)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    request.outcome, request.outcome_at, request.outcome_by = outcome, timezone.now(), by
    request.save(update_fields=["outcome", "outcome_at", "outcome_by"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=request)
    return request


@transaction.atomic
def open_case_file(
    *, site: Site, person: Person, referent: User, by: User | None, principal: Principal
) -> CaseFile:
    _check(principal, Perm.CASE_EDIT, site.pk)
    _check_person(principal, person, site, Perm.CASE_EDIT)
    if not referent.memberships.filter(site=site).exists():
        raise ValidationError({"referent": _("The referent must work at this site.")})
    if CaseFile.objects.filter(site=site, person=person).exists():
        raise ValidationError({"person": _("This person already has a case file at this site.")})
    membership = person.memberships.select_related("household").first()
    case_file = CaseFile(
        organisation_id=site.organisation_id, site=site, person=person, referent=referent,
        household=membership.household if membership else None,
    )  # fmt: skip
    case_file.full_clean()
    case_file.save()
    audit.record(AuditAction.CREATE, principal=principal, obj=case_file)
    return case_file


@transaction.atomic
def close_case_file(
    case_file: CaseFile, *, reason: str, by: User | None, principal: Principal
) -> CaseFile:
    _check(principal, Perm.CASE_EDIT, case_file.site_id)
    _require_open(case_file)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case file is closed.")})
    case_file.status, case_file.closed_reason = CaseStatus.CLOSED, reason.strip()
    case_file.closed_at = timezone.localdate()
    case_file.save(update_fields=["status", "closed_reason", "closed_at"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=case_file)
    return case_file


@transaction.atomic
def reopen_case_file(
    case_file: CaseFile, *, reason: str, by: User | None, principal: Principal
) -> CaseFileReopening:
    """The coordination opens a closed file again; the closing it undoes is kept, with why."""
    principal.require(Perm.CASE_REOPEN, case_file.site_id)
    case_file = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    if not case_file.is_closed:
        raise ValidationError(_("This case file is open already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case file is reopened.")})
    reopening = CaseFileReopening(
        organisation_id=case_file.organisation_id, site_id=case_file.site_id,
        case_file=case_file, reason=reason.strip(), closed_at=case_file.closed_at,
        closed_reason=case_file.closed_reason, reopened_by=by,
    )  # fmt: skip
    reopening.full_clean()
    reopening.save()
    case_file.status, case_file.closed_reason, case_file.closed_at = CaseStatus.OPEN, "", None
    case_file.save(update_fields=["status", "closed_reason", "closed_at"])
    audit.record(
        AuditAction.UPDATE, principal=principal, obj=case_file, object_type=CASE_FILE_REOPENED
    )
    return reopening


@transaction.atomic
def add_goal(
    case_file: CaseFile,
    *,
    domain: str,
    description: str,
    target_date: date | None,
    by: User | None,
    principal: Principal,
) -> Goal:
    _check(principal, Perm.CASE_EDIT, case_file.site_id)
    _require_open(case_file)
    goal = Goal(
        organisation_id=case_file.organisation_id, case_file=case_file, domain=domain,
        description=description, target_date=target_date,
    )  # fmt: skip
    goal.full_clean()
    goal.save()
    audit.record(AuditAction.CREATE, principal=principal, obj=goal, site_id=case_file.site_id)
    return goal


@transaction.atomic
def update_goal_progress(
    goal: Goal, *, progress: int, by: User | None, principal: Principal
) -> Goal:
    _check(principal, Perm.CASE_EDIT, goal.case_file.site_id)
    _require_open(goal.case_file)
    goal.progress = progress
    goal.full_clean()
    goal.save(update_fields=["progress"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=goal, site_id=goal.case_file.site_id)
    return goal


@transaction.atomic
def add_appointment(
    case_file: CaseFile,
    *,
    starts_at: datetime,
    purpose: str,
    place: str = "",
    partner: Partner | None = None,
    by: User,
    principal: Principal,
) -> Appointment:
    _check(principal, Perm.CASE_EDIT, case_file.site_id)
    _require_open(case_file)
    appointment = Appointment(
        organisation_id=case_file.organisation_id, case_file=case_file, starts_at=starts_at,
        purpose=purpose, place=place, partner=partner, created_by=by,
    )  # fmt: skip
    appointment.full_clean()
    appointment.save()
    audit.record(
        AuditAction.CREATE, principal=principal, obj=appointment, site_id=case_file.site_id
    )
    return appointment


def _check_level_writable(principal: Principal, level: int, site_id: int) -> None:
    """Medical notes are written by medical staff; team and restricted ones by the case team."""
    perm = Perm.NOTE_MEDICAL if level == Level.MEDICAL else Perm.CASE_EDIT
    if not principal.can(perm, site_id):
        raise ValidationError({"level": _("You cannot write notes at this level.")})


@transaction.atomic
def add_note(case_file: CaseFile, *, level: int, body: str, by: User, principal: Principal) -> Note:
    _check(principal, Perm.NOTE_WRITE, case_file.site_id)
    _check_level_writable(principal, level, case_file.site_id)
    _require_open(case_file)
    note = Note(
        organisation_id=case_file.organisation_id, site_id=case_file.site_id,
        case_file=case_file, author=by, level=level, body=body,
    )  # fmt: skip
    note.full_clean()
    note.save()
    audit.record(AuditAction.CREATE, principal=principal, obj=note)
    return note


def may_rewrite(note: Note, by: User, principal: Principal) -> bool:
    """The author, or a coordinator of the note's site."""
    return note.author_id == by.pk or principal.can(Perm.NOTE_RESTRICTED, note.site_id)


@transaction.atomic
def edit_note(note: Note, *, body: str, level: int, by: User, principal: Principal) -> Note:
    """Raise the level (any reader who writes notes) or rewrite the text (its author or a
    coordinator); lowering goes through `lower_note_level`."""
    _check(principal, Perm.NOTE_WRITE, note.site_id)
    _require_open(note.case_file)
    rewrites = body != note.body
    if rewrites and not may_rewrite(note, by, principal):
        raise PermissionDenied
    if level < note.level:
        raise ValidationError(
            {"level": _("A note's level is never lowered here: use “Lower the level”.")}
        )
    note.body, note.level, note.updated_at = body, level, timezone.now()
    note.full_clean()
    note.save(update_fields=["body", "level", "updated_at"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=note)
    return note


@transaction.atomic
def lower_note_level(note: Note, *, level: int, by: User, principal: Principal) -> Note:
    """An explicit act of the author or a coordinator of the site, with its own audit row."""
    if not may_rewrite(note, by, principal) or not principal.can(Perm.NOTE_WRITE, note.site_id):
        raise PermissionDenied
    _require_open(note.case_file)
    if level >= note.level or level not in Level.values:
        raise ValidationError({"level": _("Choose a lower level than the current one.")})
    note.level, note.updated_at = level, timezone.now()
    note.save(update_fields=["level", "updated_at"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=note, object_type=NOTE_LEVEL_LOWERED)
    return note


@transaction.atomic
def refer_person(
    *,
    site: Site,
    person: Person,
    partner: Partner,
    service: Service | None = None,
    reason: str,
    urgency: str,
    consent_given: bool,
    information_shared: str = "",
    due_date: date,
    request: Request | None = None,
    by: User,
    principal: Principal,
) -> Referral:
    """Refer to a partner; a referral made from a waiting request gives it the outcome "referred"."""
    _check(principal, Perm.REFERRAL_EDIT, site.pk)
    _check_person(principal, person, site, Perm.REFERRAL_EDIT)
    if partner.organisation_id != site.organisation_id or not partner.is_active:
        raise ValidationError(
            {"partner": _("Choose a partner from your organisation's directory.")}
        )
    if service is not None and service.partner_id != partner.pk:
        raise ValidationError({"service": _("This service belongs to another partner.")})
    if not consent_given:
        raise ValidationError(
            {"consent_given": _("Ask the person's consent before referring her.")}
        )
    referral = Referral(
        organisation_id=site.organisation_id, site=site, person=person, partner=partner,
        service=service, reason=reason, urgency=urgency, consent_given=consent_given,
        information_shared=information_shared, due_date=due_date, request=request,
        referred_by=by,
    )  # fmt: skip
    referral.full_clean()
    referral.save()
    audit.record(AuditAction.CREATE, principal=principal, obj=referral)
    if request is not None and not request.outcome:
        record_outcome(request, outcome=Outcome.REFERRED, by=by, principal=principal)
    return referral


ANSWERED = {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED, ReferralStatus.APPOINTMENT_SET}
CLOSED = {
    ReferralStatus.REFUSED, ReferralStatus.DONE, ReferralStatus.NO_SHOW, ReferralStatus.CANCELLED,
}  # fmt: skip


@transaction.atomic
def update_referral_status(
    referral: Referral,
    *,
    status: str,
    refusal_reason: str = "",
    due_date: date | None = None,
    by: User | None,
    principal: Principal,
) -> Referral:
    _check(principal, Perm.REFERRAL_EDIT, referral.site_id)
    if not referral.is_open:
        raise ValidationError({"status": _("This referral is closed.")})
    if status not in ReferralStatus.values or status == ReferralStatus.SENT:
        raise ValidationError({"status": _("Choose the new status.")})
    if status == ReferralStatus.REFUSED and not refusal_reason.strip():
        raise ValidationError({"refusal_reason": _("Say why the partner refused.")})
    now = timezone.now()
    referral.status, referral.refusal_reason = status, refusal_reason.strip()
    if status in ANSWERED and referral.answered_at is None:
        referral.answered_at = now
    if status in CLOSED:
        referral.closed_at = now
    if due_date is not None:
        referral.due_date = due_date
    referral.full_clean()
    referral.save()
    audit.record(AuditAction.UPDATE, principal=principal, obj=referral)
    return referral


@transaction.atomic
def postpone_follow_up(
    referral: Referral, *, due_date: date, by: User | None, principal: Principal
) -> Referral:
    """The worker called the partner: nothing new yet, remind again on `due_date`."""
    _check(principal, Perm.REFERRAL_EDIT, referral.site_id)
    if due_date <= timezone.localdate():
        raise ValidationError({"due_date": _("Choose a date after today.")})
    referral.due_date = due_date
    referral.save(update_fields=["due_date"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=referral)
    return referral


@transaction.atomic
def attach_document(
    case_file: CaseFile, *, upload: UploadedFile, title: str, by: User, principal: Principal
) -> Attachment:
    _check(principal, Perm.CASE_EDIT, case_file.site_id)
    _require_open(case_file)
    sniffed = uploads.validate_upload(upload, field="file")
    attachment = Attachment(
        organisation_id=case_file.organisation_id, site_id=case_file.site_id,
        case_file=case_file, title=title, content_type=sniffed.content_type,
        size=upload.size or 0, uploaded_by=by,
    )  # fmt: skip
    attachment.full_clean(exclude=["file"])
    attachment.file.save(uploads.stored_name(sniffed), upload, save=False)
    # If the row cannot be written, the file on disk is removed: nothing is half-kept.
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    audit.record(AuditAction.CREATE, principal=principal, obj=attachment)
    return attachment
