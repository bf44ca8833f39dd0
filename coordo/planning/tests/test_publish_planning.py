"""Publishing: numbered versions, the previous one kept; the next draft re-plans from it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.fetch import build_instance
from coordo.planning.models import Planning, PlanningStatus, Shift, Worker
from coordo.planning.tests.factories import make_draft, publish_with


def test_versions_are_numbered_and_kept(
    draft: Planning, team: list[Worker], coordinator: User, site: Site
) -> None:
    principal = principal_for_user(coordinator)
    publish_with(draft, team[:2], coordinator)
    first = Planning.objects.get(pk=draft.pk)
    assert (first.status, first.version) == (PlanningStatus.PUBLISHED, 1)
    second = make_draft(site, coordinator)
    assert second.based_on == first
    assert second.assignments.count() == 2
    assert len(build_instance(second)["previous"]["assignments"]) == 18
    actions.publish_planning(second, by=principal)
    first.refresh_from_db()
    assert (first.status, second.version) == (PlanningStatus.SUPERSEDED, 2)


def test_a_published_version_does_not_change(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    principal = principal_for_user(coordinator)
    actions.publish_planning(draft, by=principal)
    with pytest.raises(ValidationError, match="cannot change"):
        actions.assign_shift(
            draft,
            Shift.objects.first(),  # type: ignore[arg-type]
            workers=team[:2],
            accept_broken_rules=True,
            by=principal,
        )


def test_hosts_see_published_plannings_only(
    draft: Planning, team: list[Worker], coordinator: User, host: User
) -> None:
    from conftest import verified_client

    client = verified_client(host)
    assert client.get(f"/planning/{draft.pk}/").status_code == 404
    actions.publish_planning(draft, by=principal_for_user(coordinator))
    page = client.get(f"/planning/{draft.pk}/")
    assert page.status_code == 200
    assert b"36 missing" in page.content
    assert b"Edit</a>" not in page.content
