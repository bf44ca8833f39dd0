"""Who reads which note: decided by the queryset, for every level."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from coordo.access.models import AuditEvent
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.casework import actions
from coordo.casework.models import Level
from coordo.casework.queries import notes_visible_to
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(case_file, social_worker, medical):
    sw, med = principal(social_worker), principal(medical)
    return {
        "team": actions.add_note(case_file, level=Level.TEAM, body="t", by=sw),
        "restricted": actions.add_note(case_file, level=Level.RESTRICTED, body="r", by=sw),
        "medical": actions.add_note(case_file, level=Level.MEDICAL, body="m", by=med),
    }


def visible(user, notes) -> set[str]:
    ids = set(notes_visible_to(principal(user)).values_list("id", flat=True))
    return {name for name, note in notes.items() if note.pk in ids}


def test_each_role_reads_its_levels(notes, site, social_worker, coordinator, medical, host):
    colleague = make_user(site, Role.SOCIAL_WORKER)
    assert visible(social_worker, notes) == {"team", "restricted"}  # the author
    assert visible(colleague, notes) == {"team"}
    assert visible(coordinator, notes) == {"team", "restricted"}
    assert visible(medical, notes) == {"medical"}
    assert visible(host, notes) == set()


def test_another_site_reads_nothing_without_consent(notes, other_site_worker):
    assert visible(other_site_worker, notes) == set()


def test_a_social_worker_cannot_write_a_medical_note(case_file, social_worker):
    with pytest.raises(ValidationError) as error:
        actions.add_note(
            case_file,
            level=Level.MEDICAL,
            body="x",
            by=principal(social_worker),
        )
    assert list(error.value.message_dict) == ["level"]


def test_raising_a_level_is_an_ordinary_edit(notes, social_worker):
    note = actions.edit_note(
        notes["team"],
        body="t",
        level=Level.RESTRICTED,
        by=principal(social_worker),
    )
    assert note.level == Level.RESTRICTED
    assert AuditEvent.objects.filter(object_type="casework.note", action="update").count() == 1


def test_an_edit_never_lowers_a_level(notes, social_worker):
    with pytest.raises(ValidationError) as error:
        actions.edit_note(
            notes["restricted"],
            body="r",
            level=Level.TEAM,
            by=principal(social_worker),
        )
    assert list(error.value.message_dict) == ["level"]
    notes["restricted"].refresh_from_db()
    assert notes["restricted"].level == Level.RESTRICTED


def test_lowering_is_an_explicit_audited_action(notes, coordinator):
    actions.lower_note_level(notes["restricted"], level=Level.TEAM, by=principal(coordinator))
    notes["restricted"].refresh_from_db()
    assert notes["restricted"].level == Level.TEAM
    assert list(
        AuditEvent.objects.filter(object_type=actions.NOTE_LEVEL_LOWERED).values_list(
            "object_id", flat=True
        )
    ) == [str(notes["restricted"].pk)]


def test_a_colleague_who_is_not_the_author_cannot_lower(notes, site):
    colleague = make_user(site, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        actions.lower_note_level(notes["team"], level=Level.TEAM, by=principal(colleague))


def test_a_colleague_may_raise_a_level_but_not_rewrite_the_text(notes, site):
    colleague = make_user(site, Role.SOCIAL_WORKER)
    who = principal(colleague)
    with pytest.raises(PermissionDenied):
        actions.edit_note(notes["team"], body="changed", level=Level.TEAM, by=who)
    note = actions.edit_note(notes["team"], body="t", level=Level.RESTRICTED, by=who)
    assert (note.body, note.level) == ("t", Level.RESTRICTED)


def test_the_author_rule_reads_the_one_actor(notes, social_worker):
    # `by` names both who acts and what they hold: the author, a social worker without the
    # coordinator's rights, rewrites and lowers her own note; nobody can pass her account
    # beside another's rights any more.
    author = principal(social_worker)
    assert not author.can(Perm.NOTE_RESTRICTED, notes["restricted"].site_id)
    note = actions.edit_note(
        notes["restricted"], body="Rewritten", level=Level.RESTRICTED, by=author
    )
    assert note.body == "Rewritten"
    note = actions.lower_note_level(note, level=Level.TEAM, by=author)
    note.refresh_from_db()
    assert (note.body, note.level, note.author_id) == ("Rewritten", Level.TEAM, social_worker.pk)
