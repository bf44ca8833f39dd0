"""Community app: the programme, attendance counts, figures; the public programme and its feed.

No Person is linked anywhere in the programme or the counts: nothing here is a canary. The
public pages answer everyone alike (no login, whatever the role): every place of the world
has a public programme, so each answers 200, and the app's own tests check the 404s.
"""

from __future__ import annotations

from datetime import date, time

from django.db.models import Model

from coordo.access.roles import Role
from coordo.community.models import Activity, ActivityStatus, CommunitySettings, ProposerKind
from tests.permissions.routes import NOBODY, Route
from tests.world import Place

C, SW, MED, HOST = Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.HOST
TEAM = frozenset({C, SW, MED, HOST})
COUNTERS = frozenset({C, SW, HOST})
COORDINATION = frozenset({C})

ROUTES: dict[str, Route] = {
    "community_programme": Route(allowed=TEAM),
    "community_propose": Route(allowed=TEAM),
    "community_settings": Route(allowed=COORDINATION),
    "community_activity": Route(target="activity", allowed=TEAM),
    "community_activity_edit": Route(target="activity", allowed=COORDINATION),
    "community_activity_accept": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_activity_publish": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_activity_withdraw": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_occurrence_cancel": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01"},
    ),
    "community_occurrence_move": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01", "moved_to": "2026-09-02"},
    ),
    "community_occurrence_restore": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01"},
    ),
    "community_attendance": Route(target="occurrence", allowed=COUNTERS),
    "community_figures": Route(allowed=COORDINATION),
    "community_figures_export": Route(allowed=COORDINATION),
    "public_programme": Route(target="public_site", allowed=NOBODY, denied=200, anonymous=200),
    "public_activity": Route(target="public_activity", allowed=NOBODY, denied=200, anonymous=200),
    "public_programme_ics": Route(target="public_site", allowed=NOBODY, denied=200, anonymous=200),
}  # fmt: skip

TARGETS = {
    "activity": lambda place: {"activity_id": place.records["activity"].pk},
    "occurrence": lambda place: {"activity_id": place.records["activity"].pk, "day": "2026-09-01"},
    "public_site": lambda place: {"site_id": place.site.pk},
    "public_activity": lambda place: {
        "site_id": place.site.pk,
        "activity_id": place.records["activity"].pk,
    },
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    organisation = place.site.organisation
    CommunitySettings.objects.create(
        organisation=organisation, site=place.site, public_programme=True
    )
    activity = Activity.objects.create(
        organisation=organisation, site=place.site, title="Atelier couture",
        proposer_kind=ProposerKind.PARTICIPANT, proposer_name="Nour", place="Grande salle",
        capacity=15, starts_on=date(2026, 9, 1), start_time=time(14), end_time=time(16),
        recurrence="FREQ=WEEKLY;BYDAY=TU", status=ActivityStatus.PUBLISHED,
    )  # fmt: skip
    return {"activity": activity}
