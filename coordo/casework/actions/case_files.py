"""The case file's writes: open, close, reopen, goals, appointments, notes, documents."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.queries import works_at
from coordo.access.scoping import Principal
from coordo.casework.actions.common import _check_person
from coordo.casework.models import (
    Appointment,
    Attachment,
    CaseFile,
    CaseFileReopening,
    CaseStatus,
    Goal,
    Level,
    Note,
)
from coordo.partners.models import Partner
from coordo.people.models import Person
from coordo.web import uploads

# Audit rows name the record type; a lowered level is told apart from an ordinary edit.
NOTE_LEVEL_LOWERED = "casework.note.level_lowered"
CASE_FILE_REOPENED = "casework.casefile.reopened"
CLOSED_FILE_MESSAGE = _(
    "This case file is closed: a coordinator must reopen it before it can be changed."
)


def _require_open(case_file: CaseFile) -> None:
    """A closed file is read-only until reopened; read under lock so a close in between wins."""
    status = (
        CaseFile.objects.select_for_update().values_list("status", flat=True).get(pk=case_file.pk)
    )
    if status == CaseStatus.CLOSED:
        raise ValidationError(CLOSED_FILE_MESSAGE)


def _require_editable(case_file: CaseFile, by: Principal) -> None:
    """The case team of the file's site writes to it, while it is open."""
    by.require(Perm.CASE_EDIT, case_file.site_id)
    _require_open(case_file)


@transaction.atomic
def open_case_file(*, site: Site, person: Person, referent: User, by: Principal) -> CaseFile:
    by.require(Perm.CASE_EDIT, site.pk)
    _check_person(by, person, site, Perm.CASE_EDIT)
    if not works_at(referent, site.pk):
        raise ValidationError({"referent": _("The referent must work at this site.")})
    if CaseFile.objects.filter(site=site, person=person).exists():
        raise ValidationError({"person": _("This person already has a case file at this site.")})
    membership = person.memberships.select_related("household").first()
    case_file = CaseFile(
        organisation_id=site.organisation_id,
        site=site,
        person=person,
        referent=referent,
        household=membership.household if membership else None,
    )
    return writes.save_new(case_file, by=by)


@transaction.atomic
def close_case_file(case_file: CaseFile, *, reason: str, by: Principal) -> CaseFile:
    _require_editable(case_file, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case file is closed.")})
    case_file.status, case_file.closed_reason = CaseStatus.CLOSED, reason.strip()
    case_file.closed_at = timezone.localdate()
    return writes.save_changed(case_file, by=by, fields=["status", "closed_reason", "closed_at"])


@transaction.atomic
def reopen_case_file(case_file: CaseFile, *, reason: str, by: Principal) -> CaseFileReopening:
    """The coordination opens a closed file again; the closing it undoes is kept, with why."""
    by.require(Perm.CASE_REOPEN, case_file.site_id)
    case_file = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    if not case_file.is_closed:
        raise ValidationError(_("This case file is open already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case file is reopened.")})
    reopening = CaseFileReopening(
        organisation_id=case_file.organisation_id,
        site_id=case_file.site_id,
        case_file=case_file,
        reason=reason.strip(),
        closed_at=case_file.closed_at,
        closed_reason=case_file.closed_reason,
        reopened_by_id=by.user_id,
    )
    reopening.full_clean()
    reopening.save()
    case_file.status, case_file.closed_reason, case_file.closed_at = CaseStatus.OPEN, "", None
    writes.save_changed(
        case_file,
        by=by,
        fields=["status", "closed_reason", "closed_at"],
        object_type=CASE_FILE_REOPENED,
    )
    return reopening


@transaction.atomic
def add_goal(
    case_file: CaseFile,
    *,
    domain: str,
    description: str,
    target_date: date | None,
    by: Principal,
) -> Goal:
    _require_editable(case_file, by)
    goal = Goal(
        organisation_id=case_file.organisation_id,
        case_file=case_file,
        domain=domain,
        description=description,
        target_date=target_date,
    )
    return writes.save_new(goal, by=by, site_id=case_file.site_id)


@transaction.atomic
def update_goal_progress(goal: Goal, *, progress: int, by: Principal) -> Goal:
    _require_editable(goal.case_file, by)
    goal.progress = progress
    goal.full_clean()
    return writes.save_changed(goal, by=by, fields=["progress"], site_id=goal.case_file.site_id)


@transaction.atomic
def add_appointment(
    case_file: CaseFile,
    *,
    starts_at: datetime,
    purpose: str,
    place: str = "",
    partner: Partner | None = None,
    by: Principal,
) -> Appointment:
    _require_editable(case_file, by)
    appointment = Appointment(
        organisation_id=case_file.organisation_id,
        case_file=case_file,
        starts_at=starts_at,
        purpose=purpose,
        place=place,
        partner=partner,
        created_by_id=by.named_worker_id(),
    )
    return writes.save_new(appointment, by=by, site_id=case_file.site_id)


def _check_level_writable(principal: Principal, level: int, site_id: int) -> None:
    """Medical notes are written by medical staff; team and restricted ones by the case team."""
    perm = Perm.NOTE_MEDICAL if level == Level.MEDICAL else Perm.CASE_EDIT
    if not principal.can(perm, site_id):
        raise ValidationError({"level": _("You cannot write notes at this level.")})


@transaction.atomic
def add_note(case_file: CaseFile, *, level: int, body: str, by: Principal) -> Note:
    by.require(Perm.NOTE_WRITE, case_file.site_id)
    _check_level_writable(by, level, case_file.site_id)
    _require_open(case_file)
    note = Note(
        organisation_id=case_file.organisation_id,
        site_id=case_file.site_id,
        case_file=case_file,
        author_id=by.named_worker_id(),
        level=level,
        body=body,
    )
    return writes.save_new(note, by=by)


def may_rewrite(note: Note, by: Principal) -> bool:
    """The author, or a coordinator of the note's site."""
    return note.author_id == by.user_id or by.can(Perm.NOTE_RESTRICTED, note.site_id)


@transaction.atomic
def edit_note(note: Note, *, body: str, level: int, by: Principal) -> Note:
    """Raise the level (any reader who writes notes) or rewrite the text (its author or a
    coordinator); lowering goes through `lower_note_level`."""
    by.require(Perm.NOTE_WRITE, note.site_id)
    _require_open(note.case_file)
    rewrites = body != note.body
    if rewrites and not may_rewrite(note, by):
        raise PermissionDenied
    if level < note.level:
        raise ValidationError(
            {"level": _("A note's level is never lowered here: use “Lower the level”.")}
        )
    note.body, note.level, note.updated_at = body, level, timezone.now()
    note.full_clean()
    return writes.save_changed(note, by=by, fields=["body", "level", "updated_at"])


@transaction.atomic
def lower_note_level(note: Note, *, level: int, by: Principal) -> Note:
    """An explicit act of the author or a coordinator of the site, with its own audit row."""
    by.require(Perm.NOTE_WRITE, note.site_id)
    if not may_rewrite(note, by):
        raise PermissionDenied
    _require_open(note.case_file)
    if level >= note.level or level not in Level.values:
        raise ValidationError({"level": _("Choose a lower level than the current one.")})
    note.level, note.updated_at = level, timezone.now()
    return writes.save_changed(
        note, by=by, fields=["level", "updated_at"], object_type=NOTE_LEVEL_LOWERED
    )


@transaction.atomic
def attach_document(
    case_file: CaseFile, *, upload: UploadedFile, title: str, by: Principal
) -> Attachment:
    _require_editable(case_file, by)
    sniffed = uploads.validate_upload(upload, field="file")
    attachment = Attachment(
        organisation_id=case_file.organisation_id,
        site_id=case_file.site_id,
        case_file=case_file,
        title=title,
        content_type=sniffed.content_type,
        size=upload.size or 0,
        uploaded_by_id=by.named_worker_id(),
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(uploads.stored_name(sniffed), upload, save=False)
    return writes.save_new_with_file(attachment, file_field="file", by=by)
