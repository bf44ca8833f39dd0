"""Belgian public holidays show on the planning, and a site may close on them (issue 11, point 14)."""

from __future__ import annotations

from datetime import date

from django.test import override_settings
from django.utils import timezone, translation

from conftest import verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.fetch import build_instance
from coordo.planning.models import Planning, Shift, SitePlanningSettings, Worker
from coordo.planning.public_holidays import public_holidays
from coordo.planning.tests.conftest import IMMEDIATE
from coordo.planning.tests.factories import make_draft

NOVEMBER = date(2026, 11, 1)  # Sunday 1: All Saints' Day; Wednesday 11: Armistice Day
ARMISTICE = date(2026, 11, 11)


def _on(day: date) -> list[Shift]:
    return [s for s in Shift.objects.all() if timezone.localtime(s.start).date() == day]


def test_the_holidays_come_from_easter_and_the_fixed_dates() -> None:
    with translation.override("fr"):
        spring = public_holidays(date(2027, 3, 1), date(2027, 5, 31))
    assert spring == {
        date(2027, 3, 28): "Pâques",
        date(2027, 3, 29): "Lundi de Pâques",
        date(2027, 5, 1): "Fête du Travail",
        date(2027, 5, 6): "Ascension",
        date(2027, 5, 16): "Pentecôte",
        date(2027, 5, 17): "Lundi de Pentecôte",
    }
    with translation.override("nl"):
        assert public_holidays(date(2027, 7, 1), date(2027, 7, 31)) == {
            date(2027, 7, 21): "Nationale feestdag"
        }


def test_an_open_site_plans_them_and_the_planning_names_them(
    team: list[Worker], coordinator: User, site: Site
) -> None:
    draft = make_draft(site, coordinator, NOVEMBER)
    assert len(_on(ARMISTICE)) == 2
    page = verified_client(coordinator).get(f"/planning/{draft.pk}/").content.decode()
    assert 'Wed 11<br><span class="holiday" data-testid="holiday">Armistice Day</span>' in page
    assert (
        'Sun 1<br><span class="holiday" data-testid="holiday">All Saints&#x27; Day</span>' in page
    )
    assert "Closed: public holiday" not in page
    assert "0 of 36 places filled · 36 missing" in page


@override_settings(TASKS=IMMEDIATE)
def test_a_site_closed_on_public_holidays_gets_no_shift_on_them(
    team: list[Worker], coordinator: User, site: Site, django_capture_on_commit_callbacks
) -> None:
    client = verified_client(coordinator)
    response = client.post(
        "/planning/setup/settings/", {"closed_on_public_holidays": "on"}, follow=True
    )
    assert "Saved: new drafts plan no shift on public holidays." in response.content.decode()
    assert SitePlanningSettings.objects.get(site=site).closed_on_public_holidays is True
    assert AuditEvent.objects.filter(object_type="planning.siteplanningsettings").count() == 1
    draft = make_draft(site, coordinator, NOVEMBER)
    assert _on(ARMISTICE) == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.start_run(draft, time_limit=5, by=principal_for_user(coordinator))
    assert draft.assignments.count() == 32  # eight days of two shifts of two people
    page = client.get(f"/planning/{draft.pk}/").content.decode()
    assert "32 of 32 places filled · 0 missing" in page
    assert "This site closes on public holidays: no shift is planned on them." in page
    armistice_row = page[page.index("Wed 11<br>") :].split("</tr>")[0]
    assert "Closed: public holiday" in armistice_row


def test_closing_after_the_shifts_exist_leaves_them_out_of_the_solver(
    team: list[Worker], coordinator: User, site: Site
) -> None:
    draft = make_draft(site, coordinator, NOVEMBER)
    holiday_morning = min(_on(ARMISTICE), key=lambda s: s.start)
    actions.assign_shift(
        draft,
        holiday_morning,
        workers=team[:2],
        accept_broken_rules=False,
        by=principal_for_user(coordinator),
    )
    actions.change_planning_settings(
        site, closed_on_public_holidays=True, by=principal_for_user(coordinator)
    )
    document = build_instance(draft)
    assert f"s{holiday_morning.pk}" not in {s["id"] for s in document["shifts"]}
    assert len(document["shifts"]) == 16
    assert document["fixed"] == []
    # The hand-set cell of the closed day stays in view, so nothing vanishes unseen.
    page = verified_client(coordinator).get(f"/planning/{draft.pk}/").content.decode()
    armistice_row = page[page.index("Wed 11<br>") :].split("</tr>")[0]
    assert "Yara Test" in armistice_row


def test_the_setup_page_lists_the_coming_holidays(
    team: list[Worker], coordinator: User, site: Site
) -> None:
    page = verified_client(coordinator).get("/planning/setup/").content.decode()
    listed = page[page.index('data-testid="public-holidays"') :].split("</ul>")[0]
    # 23 November 2026 to 23 November 2027.
    assert listed.count("<li>") == 12
    assert "<li>Friday 25 December 2026 · Christmas Day</li>" in listed
    assert 'name="closed_on_public_holidays"' in page


def test_only_the_site_coordination_may_change_it(
    team: list[Worker], host: User, site: Site, other_site_worker: User
) -> None:
    for user in (host, other_site_worker):
        response = verified_client(user).post(
            "/planning/setup/settings/", {"closed_on_public_holidays": "on"}
        )
        assert response.status_code in (403, 404)
    assert not SitePlanningSettings.objects.exists()
    assert Planning.objects.count() == 0
