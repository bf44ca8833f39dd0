"""The person page links to the stay history for those who may read stays, and only them."""

from __future__ import annotations

import pytest

from conftest import make_user, verified_client
from coordo.access.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        (Role.COORDINATOR, True),
        (Role.SOCIAL_WORKER, True),
        (Role.MEDICAL, False),
        (Role.DISPATCHER, False),
    ],
)
def test_the_stay_history_link_follows_the_stay_permission(site, person, role, linked):
    page = verified_client(make_user(site, role)).get(f"/people/{person.pk}/")
    assert page.status_code == 200
    link = f'<a href="/housing/people/{person.pk}/stays/">Stay history</a>'
    assert (link in page.content.decode()) is linked
