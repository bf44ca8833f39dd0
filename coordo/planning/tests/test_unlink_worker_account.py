"""Unlinking an account: "my shifts" no longer shows the worker's shifts to its holder."""

from __future__ import annotations

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.models import Worker
from coordo.planning.tests.factories import audit_rows


def test_the_account_is_unlinked(team: list[Worker], coordinator: User, host: User) -> None:
    Worker.objects.filter(pk=team[2].pk).update(user=host)
    url = f"/planning/setup/workers/{team[2].pk}/account/remove/"
    page = verified_client(coordinator).post(url, follow=True).content.decode()
    assert "The account is no longer linked to this worker." in page
    team[2].refresh_from_db()
    assert team[2].user is None
    assert verified_client(host).get("/planning/mine/").context["worker"] is None
    assert audit_rows(AuditAction.UPDATE, "planning.worker", team[2].pk) == 1
