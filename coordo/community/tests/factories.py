from __future__ import annotations

from datetime import date, time
from typing import Any

from coordo.access.models import Site, User
from coordo.access.scoping import Principal, principal_for_user
from coordo.community import actions
from coordo.community.models import Activity, CommunitySettings, ProposerKind


def principal(user: User) -> Principal:
    return principal_for_user(user)


def propose(site: Site, by: User, **values: Any) -> Activity:
    fields: dict[str, Any] = {
        "title": "Atelier couture",
        "description": "On coud ensemble.",
        "proposer_kind": ProposerKind.PARTICIPANT,
        "proposer_name": "Nour",
        "place": "Grande salle",
        "capacity": 12,
        "starts_on": date(2026, 3, 3),
        "start_time": time(14),
        "end_time": time(16),
        "recurrence": "FREQ=WEEKLY;BYDAY=TU",
    } | values
    return actions.propose_activity(site, by=principal(by), **fields)


def published(site: Site, coordinator: User, **values: Any) -> Activity:
    activity = propose(site, coordinator, **values)
    actions.accept_activity(activity, by=principal(coordinator))
    return actions.publish_activity(activity, by=principal(coordinator))


def make_public(site: Site, public: bool = True) -> CommunitySettings:
    return CommunitySettings.objects.update_or_create(
        site=site, defaults={"organisation": site.organisation, "public_programme": public}
    )[0]
