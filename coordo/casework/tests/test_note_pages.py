from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.access.models import AuditEvent
from coordo.casework.actions import NOTE_LEVEL_LOWERED
from coordo.casework.models import Level

pytestmark = pytest.mark.django_db


def test_the_edit_page_offers_only_higher_levels(restricted_note, social_worker):
    body = verified_client(social_worker).get(f"/notes/{restricted_note.pk}/").content.decode()
    assert 'value="1"' not in body.split('id="id_level"')[1].split("</select>")[0]


def test_lowering_on_the_page_is_recorded_as_such(restricted_note, coordinator):
    response = verified_client(coordinator).post(
        f"/notes/{restricted_note.pk}/lower/", {"level": "1"}
    )
    assert response.url == f"/case-files/{restricted_note.case_file_id}/"
    restricted_note.refresh_from_db()
    assert restricted_note.level == Level.TEAM
    assert AuditEvent.objects.filter(object_type=NOTE_LEVEL_LOWERED).count() == 1


def test_a_plain_edit_cannot_lower_the_level(restricted_note, social_worker):
    response = verified_client(social_worker).post(
        f"/notes/{restricted_note.pk}/", {"level": "1", "body": restricted_note.body}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    restricted_note.refresh_from_db()
    assert restricted_note.level == Level.RESTRICTED
