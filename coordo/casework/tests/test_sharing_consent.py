"""Another site of the organisation sees a case file only while the person consents."""

from __future__ import annotations

import pytest
import time_machine

from coordo.casework import actions
from coordo.casework.models import Level
from coordo.casework.queries import case_files_visible_to, notes_visible_to
from coordo.casework.tests.conftest import principal
from coordo.people.actions import record_consent

pytestmark = pytest.mark.django_db


def test_consent_opens_the_file_and_team_notes_and_withdrawal_closes_them_at_once(
    case_file, person, social_worker, other_site_worker
):
    sw = principal(social_worker)
    team = actions.add_note(case_file, level=Level.TEAM, body="t", by=sw)
    restricted = actions.add_note(case_file, level=Level.RESTRICTED, body="r", by=sw)
    other = principal(other_site_worker)
    assert list(case_files_visible_to(other)) == []

    with time_machine.travel("2026-11-20 10:00"):
        record_consent(person, purpose="share_sites", given=True, date="2026-11-20", by=sw)
    assert list(case_files_visible_to(other)) == [case_file]
    assert list(notes_visible_to(other)) == [team]
    assert restricted not in notes_visible_to(other)

    with time_machine.travel("2026-11-21 10:00"):
        record_consent(person, purpose="share_sites", given=False, date="2026-11-21", by=sw)
    assert list(case_files_visible_to(other)) == []
    assert list(notes_visible_to(other)) == []


def test_a_shared_file_stays_read_only_for_the_other_site(
    case_file, person, social_worker, other_site_worker
):
    record_consent(
        person, purpose="share_sites", given=True, date="2026-11-20", by=principal(social_worker)
    )
    from coordo.casework.queries import editable_case_files

    assert list(editable_case_files(principal(other_site_worker))) == []
