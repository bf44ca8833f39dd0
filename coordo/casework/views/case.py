"""Case files: the file, its plan, appointments, notes by level and attachments."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import (
    AuthedRequest,
    current_site_id,
    flash_form_errors,
    principal_of,
    require_perm,
)
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework import actions, queries
from coordo.casework.forms import (
    AppointmentForm,
    AttachmentForm,
    CloseCaseForm,
    GoalForm,
    GoalProgressForm,
    LowerLevelForm,
    NoteForm,
    ReopenCaseForm,
    WeekForm,
)
from coordo.casework.models import CaseFile, Level
from coordo.partners.queries import partners_visible_to
from coordo.people.queries import get_person
from coordo.web.downloads import stored_file_attachment
from coordo.web.periods import asked_day
from coordo.web.posting import apply_posted_form, errors_flashed, errors_onto, written_or_flashed
from coordo.web.sites import current_site


def writable_levels(principal: Principal, site_id: int) -> list[int]:
    levels: list[int] = []
    if principal.can(Perm.CASE_EDIT, site_id):
        levels += [Level.TEAM.value, Level.RESTRICTED.value]
    if principal.can(Perm.NOTE_MEDICAL, site_id):
        levels.append(Level.MEDICAL.value)
    return levels


def _editable(request: AuthedRequest, case_file_id: int) -> CaseFile:
    return get_object_or_404(queries.editable_case_files(principal_of(request)), pk=case_file_id)


@require_perm(Perm.CASE_VIEW)
def case_file_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    files = queries.case_files_visible_to(principal)
    site_id = current_site_id(request) or 0
    mine = request.GET.get("mine") == "1"
    if mine:
        files = files.filter(referent=request.user)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.casefile", site_id=site_id
    )
    context = {
        "here": files.filter(site_id=site_id).order_by("status", "person__last_name")[:200],
        "shared": files.exclude(site_id__in=principal.sites_where(Perm.CASE_VIEW)).order_by(
            "person__last_name"
        )[:200],
        "mine": mine,
    }
    return render(request, "casework/case_file_list.html", context)


@require_perm(Perm.CASE_VIEW)
def appointment_calendar(request: AuthedRequest) -> HttpResponse:
    """The site's appointments, one week at a time, day by day."""
    principal = principal_of(request)
    form = WeekForm(request.GET)
    # A day out of range: this week, and the error shown.
    day, refused = asked_day(form, "week", timezone.localdate())
    start = day - timedelta(days=day.weekday())
    site_id = current_site_id(request) or 0
    days = queries.appointments_in_week(principal, site_id, start)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.appointment", site_id=site_id
    )
    context = {
        "days": days,
        "previous": start - timedelta(days=7),
        "next": start + timedelta(days=7),
        "start": start,
        "form": form,
    }
    return render(request, "casework/calendar.html", context, status=400 if refused else 200)


@require_POST
@require_perm(Perm.CASE_EDIT)
def case_file_open(request: AuthedRequest, person_id: int) -> HttpResponse:
    principal = principal_of(request)
    person = get_person(principal, person_id, Perm.CASE_EDIT)
    site = current_site(request, Perm.CASE_EDIT)
    with errors_flashed(request):
        case_file = actions.open_case_file(
            site=site, person=person, referent=request.user, by=principal
        )
        messages.success(request, _("The case file has been opened."))
        return redirect("case_file_detail", case_file_id=case_file.pk)
    return redirect("case_file_list")


@require_perm(Perm.CASE_VIEW)
def case_file_detail(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    principal = principal_of(request)
    case_file = queries.get_case_file(principal, case_file_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=case_file)
    site_id = case_file.site_id
    # A closed file is read-only for everyone until the coordination reopens it.
    can_edit = principal.can(Perm.CASE_EDIT, site_id) and not case_file.is_closed
    levels = writable_levels(principal, site_id) if not case_file.is_closed else []
    partners = partners_visible_to(principal)
    context = {
        "case_file": case_file,
        "person": case_file.person,
        "can_edit": can_edit,
        "shared_view": not principal.can(Perm.CASE_VIEW, site_id),
        "goals": case_file.goals.all(),
        "appointments": case_file.appointments.filter(
            starts_at__gte=timezone.now() - timedelta(days=30)
        ).select_related("partner"),
        "notes": queries.notes_visible_to(principal).filter(case_file=case_file),
        "attachments": case_file.attachments.all()
        if principal.can(Perm.CASE_EDIT, site_id)
        else [],
        "can_see_documents": principal.can(Perm.CASE_EDIT, site_id),
        "referrals": queries.referrals_visible_to(principal).filter(
            person_id=case_file.person_id, site_id=site_id
        ),
        "note_form": NoteForm(levels=levels) if levels else None,
        "goal_form": GoalForm() if can_edit else None,
        "appointment_form": AppointmentForm(partners=partners) if can_edit else None,
        "attachment_form": AttachmentForm() if can_edit else None,
        "close_form": CloseCaseForm() if can_edit else None,
        "reopen_form": ReopenCaseForm()
        if case_file.is_closed and principal.can(Perm.CASE_REOPEN, site_id)
        else None,
        "reopenings": case_file.reopenings.select_related("reopened_by"),
        "can_export": principal.can(Perm.SUBJECT_ACCESS_EXPORT, case_file.person.site_id),
    }
    return render(request, "casework/case_file_detail.html", context)


def _post_to_file(
    request: AuthedRequest,
    case_file_id: int,
    form_class: type[forms.BaseForm],
    action_name: str,
    success: str = "",
) -> HttpResponse:
    """The case file's small forms: validate, call the action, come back to the file."""
    case_file = _editable(request, case_file_id)
    form = (
        form_class(request.POST, partners=partners_visible_to(principal_of(request)))  # type: ignore[call-arg]
        if form_class is AppointmentForm
        else form_class(request.POST)
    )
    action = partial(getattr(actions, action_name), case_file)
    apply_posted_form(request, form, action, success or _("Saved."))
    return redirect("case_file_detail", case_file_id=case_file.pk)


@require_POST
@require_perm(Perm.CASE_EDIT)
def case_file_close(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    return _post_to_file(request, case_file_id, CloseCaseForm, "close_case_file")


@require_POST
@require_perm(Perm.CASE_REOPEN)
def case_file_reopen(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    reopened = _("The case file has been reopened.")
    return _post_to_file(request, case_file_id, ReopenCaseForm, "reopen_case_file", reopened)


@require_POST
@require_perm(Perm.CASE_EDIT)
def goal_add(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    return _post_to_file(request, case_file_id, GoalForm, "add_goal")


@require_POST
@require_perm(Perm.CASE_EDIT)
def appointment_add(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    return _post_to_file(request, case_file_id, AppointmentForm, "add_appointment")


@require_POST
@require_perm(Perm.CASE_EDIT)
def goal_progress(request: AuthedRequest, goal_id: int) -> HttpResponse:
    principal = principal_of(request)
    goal = queries.get_editable_goal(principal, goal_id)
    form = GoalProgressForm(request.POST)
    apply_posted_form(request, form, partial(actions.update_goal_progress, goal), _("Saved."))
    return redirect("case_file_detail", case_file_id=goal.case_file_id)


@require_POST
@require_perm(Perm.NOTE_WRITE)
def note_add(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    principal = principal_of(request)
    case_file = queries.get_case_file(principal, case_file_id)
    levels = writable_levels(principal, case_file.site_id)
    if not levels:
        raise PermissionDenied  # a shared file is read-only for other sites
    form = NoteForm(request.POST, levels=levels)
    action = partial(actions.add_note, case_file)
    apply_posted_form(request, form, action, _("The note has been added."))
    return redirect("case_file_detail", case_file_id=case_file.pk)


@require_perm(Perm.CASE_EDIT)
def note_edit(request: AuthedRequest, note_id: int) -> HttpResponse:
    """Any case worker who reads a note may raise its level; only its author rewrites it."""
    principal = principal_of(request)
    note = queries.get_note(principal, note_id)
    principal.require(Perm.CASE_EDIT, note.site_id)
    if note.case_file.is_closed:
        messages.error(request, actions.CLOSED_FILE_MESSAGE)
        return redirect("case_file_detail", case_file_id=note.case_file_id)
    levels = [level for level in Level.values if level >= note.level]
    form = NoteForm(request.POST or None, instance=note, levels=levels)
    may_rewrite = actions.may_rewrite(note, principal)
    form.fields["body"].disabled = not may_rewrite
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            actions.edit_note(
                note,
                body=form.cleaned_data["body"],
                level=form.cleaned_data["level"],
                by=principal,
            )
            messages.success(request, _("The note has been saved."))
            return redirect("case_file_detail", case_file_id=note.case_file_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=note)
    note.refresh_from_db()
    lower_form = (
        LowerLevelForm(initial={"level": note.level - 1})
        if note.level > Level.TEAM and may_rewrite
        else None
    )
    context = {"form": form, "note": note, "lower_form": lower_form}
    return render(request, "casework/note_form.html", context)


@require_POST
@require_perm(Perm.CASE_EDIT)
def note_lower(request: AuthedRequest, note_id: int) -> HttpResponse:
    principal = principal_of(request)
    note = queries.get_note(principal, note_id)
    form = LowerLevelForm(request.POST)
    if form.is_valid():
        try:
            actions.lower_note_level(note, level=form.cleaned_data["level"], by=principal)
        except PermissionDenied:
            messages.error(request, _("Only the author or a coordinator can lower this level."))
            return redirect("case_file_detail", case_file_id=note.case_file_id)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("note_edit", note_id=note.pk)
        messages.success(request, _("The note's level has been lowered."))
    else:
        flash_form_errors(request, form)
    return redirect("case_file_detail", case_file_id=note.case_file_id)


@require_POST
@require_perm(Perm.CASE_EDIT)
def attachment_upload(request: AuthedRequest, case_file_id: int) -> HttpResponse:
    principal = principal_of(request)
    case_file = _editable(request, case_file_id)
    form = AttachmentForm(request.POST, request.FILES)
    write = partial(actions.attach_document, case_file, by=principal)
    if written_or_flashed(request, form, lambda file, title: write(upload=file, title=title)):
        messages.success(request, _("The document has been attached."))
    return redirect("case_file_detail", case_file_id=case_file.pk)


@require_perm(Perm.CASE_EDIT)
def attachment_download(request: AuthedRequest, attachment_id: int) -> HttpResponse:
    principal = principal_of(request)
    attachment = queries.get_attachment(principal, attachment_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=attachment)
    return stored_file_attachment(
        attachment.file, stem=f"document-{attachment.pk}", content_type=attachment.content_type
    )
