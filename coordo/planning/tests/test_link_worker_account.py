"""A worker linked to an account of the site: its holder sees the shifts on "my shifts"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user, verified_client
from coordo.access.models import AuditAction, Site, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import team as team_actions
from coordo.planning.models import Planning, Worker
from coordo.planning.tests.factories import audit_rows, publish_with


def _link(coordinator: User, worker: Worker, user: User):  # type: ignore[no-untyped-def]
    url = f"/planning/setup/workers/{worker.pk}/account/"
    return verified_client(coordinator).post(url, {"user": user.pk}, follow=True)


def test_the_host_then_sees_their_shifts(
    draft: Planning, team: list[Worker], coordinator: User, host: User
) -> None:
    worker = team[2]
    publish_with(draft, [worker, team[3]], coordinator, needs_language=False)
    page = _link(coordinator, worker, host).content.decode()
    assert "The account is linked: its holder sees these shifts on “my shifts”." in page
    worker.refresh_from_db()
    assert worker.user == host
    assert "Wednesday 2 December" in verified_client(host).get("/planning/mine/").content.decode()
    assert audit_rows(AuditAction.UPDATE, "planning.worker", worker.pk) == 1


def test_only_a_member_of_the_site_can_be_linked(
    team: list[Worker], coordinator: User, other_site: Site
) -> None:
    stranger = make_user(other_site, Role.HOST)
    page = _link(coordinator, team[2], stranger).content.decode()
    assert (
        "Account: Select a valid choice. That choice is not one of the available choices." in page
    )
    team[2].refresh_from_db()
    assert team[2].user is None


def test_the_action_itself_refuses_a_stranger_to_the_site(
    team: list[Worker], coordinator: User, other_site: Site
) -> None:
    # The form offers only the site's members; the action holds the rule for every caller.
    stranger = make_user(other_site, Role.HOST)
    worker = team[2]
    with pytest.raises(ValidationError) as raised:
        team_actions.link_worker_account(
            worker,
            site=worker.sites.get(),
            user=stranger,
            by=principal_for_user(coordinator),
        )
    assert raised.value.message_dict == {"user": ["Only a member of this site can be linked."]}
    worker.refresh_from_db()
    assert worker.user is None


def test_an_account_links_to_one_worker_only(
    team: list[Worker], coordinator: User, host: User
) -> None:
    Worker.objects.filter(pk=team[3].pk).update(user=host)
    page = _link(coordinator, team[2], host).content.decode()
    assert "Account: This account is already linked to another worker." in page
    team[2].refresh_from_db()
    assert team[2].user is None
