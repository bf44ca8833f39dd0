"""A closed case file is read-only until the coordination reopens it, with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.casework import actions
from coordo.casework.models import (
    Appointment,
    Attachment,
    CaseFile,
    CaseStatus,
    Goal,
    Level,
    Note,
)
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db

CLOSED = "This case file is closed: a coordinator must reopen it before it can be changed."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def goal(case_file):
    return Goal.objects.create(
        organisation=case_file.organisation,
        case_file=case_file,
        domain="housing",
        description="Find a flat",
        progress=100,
    )


def close(case_file: CaseFile, by) -> None:
    actions.close_case_file(case_file, reason="Moved out", by=principal(by))


WRITES: dict[str, Callable[..., object]] = {
    "add_goal": lambda f, g, n, by: actions.add_goal(
        f, domain="health", description="See a GP", target_date=None, by=by
    ),
    "update_goal_progress": lambda f, g, n, by: actions.update_goal_progress(g, progress=30, by=by),
    "add_appointment": lambda f, g, n, by: actions.add_appointment(
        f, starts_at=datetime(2026, 12, 1, 10, tzinfo=UTC), purpose="CPAS", by=by
    ),
    "add_note": lambda f, g, n, by: actions.add_note(f, level=Level.TEAM, body="Called", by=by),
    "edit_note": lambda f, g, n, by: actions.edit_note(
        n, body="Rewritten", level=Level.RESTRICTED, by=by
    ),
    "lower_note_level": lambda f, g, n, by: actions.lower_note_level(n, level=Level.TEAM, by=by),
    "attach_document": lambda f, g, n, by: actions.attach_document(
        f,
        upload=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nxx"),
        title="Card",
        by=by,
    ),
    "close_case_file": lambda f, g, n, by: actions.close_case_file(f, reason="Again", by=by),
}


def content(case_file: CaseFile) -> tuple:
    return (
        list(Goal.objects.filter(case_file=case_file).values_list("description", "progress")),
        Appointment.objects.filter(case_file=case_file).count(),
        list(Note.objects.filter(case_file=case_file).values_list("body", "level")),
        Attachment.objects.filter(case_file=case_file).count(),
        CaseFile.objects.values_list("closed_reason", flat=True).get(pk=case_file.pk),
    )


@pytest.mark.parametrize("write", WRITES)
def test_every_write_is_refused_on_a_closed_file(
    write, case_file, goal, restricted_note, coordinator
):
    close(case_file, coordinator)
    before, rows = content(case_file), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        WRITES[write](case_file, goal, restricted_note, principal(coordinator))
    assert error.value.messages == [CLOSED]
    assert content(case_file) == before
    assert AuditEvent.objects.count() == rows


def test_a_stale_open_copy_of_a_closed_file_is_refused_too(case_file, social_worker):
    stale = CaseFile.objects.get(pk=case_file.pk)
    close(case_file, social_worker)
    with pytest.raises(ValidationError):
        actions.add_goal(
            stale,
            domain="health",
            description="See a GP",
            target_date=None,
            by=principal(social_worker),
        )


def test_the_goal_progress_post_says_closed_not_saved(case_file, goal, social_worker):
    close(case_file, social_worker)
    response = verified_client(social_worker).post(
        f"/goals/{goal.pk}/progress/", {"progress": "30"}, follow=True
    )
    body = response.content.decode()
    assert CLOSED in body
    assert "Saved." not in body
    goal.refresh_from_db()
    assert goal.progress == 100


def test_a_closed_file_page_shows_no_edit_control(case_file, goal, restricted_note, coordinator):
    close(case_file, coordinator)
    body = verified_client(coordinator).get(f"/case-files/{case_file.pk}/").content.decode()
    assert "read-only until a coordinator reopens it" in body
    for url in (
        f"/case-files/{case_file.pk}/goals/",
        f"/goals/{goal.pk}/progress/",
        f"/case-files/{case_file.pk}/appointments/",
        f"/case-files/{case_file.pk}/notes/",
        f"/notes/{restricted_note.pk}/",
        f"/case-files/{case_file.pk}/documents/",
        f"/case-files/{case_file.pk}/close/",
        f"/people/{case_file.person_id}/refer/",
    ):
        assert url not in body, url
    assert f'action="/case-files/{case_file.pk}/reopen/"' in body
    assert "Find a flat" in body  # the content stays readable


def test_only_the_coordination_is_offered_and_allowed_to_reopen(case_file, social_worker):
    close(case_file, social_worker)
    client = verified_client(social_worker)
    body = client.get(f"/case-files/{case_file.pk}/").content.decode()
    assert "/reopen/" not in body
    response = client.post(f"/case-files/{case_file.pk}/reopen/", {"reason": "Back"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.reopen_case_file(case_file, reason="Back", by=principal(social_worker))
    assert CaseFile.objects.get(pk=case_file.pk).status == CaseStatus.CLOSED


def test_reopening_needs_a_reason_naming_the_field(case_file, coordinator):
    close(case_file, coordinator)
    with pytest.raises(ValidationError) as error:
        actions.reopen_case_file(case_file, reason="  ", by=principal(coordinator))
    assert error.value.message_dict == {"reason": ["Say why the case file is reopened."]}
    response = verified_client(coordinator).post(
        f"/case-files/{case_file.pk}/reopen/", {"reason": ""}, follow=True
    )
    assert "Reason for reopening: This field is required." in response.content.decode()
    assert CaseFile.objects.get(pk=case_file.pk).status == CaseStatus.CLOSED


def test_reopening_is_audited_kept_and_allows_edits_again(case_file, goal, coordinator):
    close(case_file, coordinator)
    client = verified_client(coordinator)
    response = client.post(
        f"/case-files/{case_file.pk}/reopen/", {"reason": "She came back"}, follow=True
    )
    assert "The case file has been reopened." in response.content.decode()
    case_file.refresh_from_db()
    assert (case_file.status, case_file.closed_reason, case_file.closed_at) == ("open", "", None)
    reopening = case_file.reopenings.get()
    assert (reopening.reason, reopening.closed_reason, reopening.reopened_by) == (
        "She came back",
        "Moved out",
        coordinator,
    )
    assert reopening.closed_at == timezone.localdate()
    row = AuditEvent.objects.get(object_type=actions.CASE_FILE_REOPENED)
    assert (row.action, row.object_id, row.actor_id, row.site_id) == (
        AuditAction.UPDATE,
        str(case_file.pk),
        coordinator.pk,
        case_file.site_id,
    )
    assert "She came back" not in str(AuditEvent.objects.values_list())
    client.post(f"/goals/{goal.pk}/progress/", {"progress": "30"})
    goal.refresh_from_db()
    assert goal.progress == 30


def test_an_open_file_cannot_be_reopened(case_file, coordinator):
    with pytest.raises(ValidationError) as error:
        actions.reopen_case_file(case_file, reason="Why not", by=principal(coordinator))
    assert error.value.messages == ["This case file is open already."]
