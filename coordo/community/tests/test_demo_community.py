from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import verified_client
from coordo.access.middleware import SESSION_SITE_KEY
from coordo.access.models import User
from coordo.access.scoping import principal_for_user
from coordo.casework.models import Outcome, Request
from coordo.community import queries
from coordo.community.models import (
    Activity,
    Attendance,
    DayCentreCount,
    Decision,
    DecisionStatus,
    Meeting,
    OutreachContact,
    RulesVersion,
)
from coordo.demo import builder
from coordo.people.models import ConsentPurpose, ConsentRecord

pytestmark = pytest.mark.django_db


def test_la_boussole_gets_a_programme_assemblies_and_a_charter_and_the_shelter_outreach():
    builder.build()
    boussole = Activity.objects.filter(site__name="La Boussole")
    assert boussole.filter(recurrence="").count() == 2
    assert boussole.exclude(recurrence="").count() == 4
    months = {
        d.replace(day=1) for d in Attendance.objects.values_list("occurrence_date", flat=True)
    }
    assert len(months) >= 6
    assert Meeting.objects.filter(site__name="La Boussole").count() == 4
    replaced = Decision.objects.get(status=DecisionStatus.REPLACED)
    assert replaced.replaced_by.meeting.held_on == date(2026, 9, 3)
    assert list(RulesVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert OutreachContact.objects.filter(round__site__name="Refuge Ariane").count() > 20
    assert DayCentreCount.objects.count() == 30
    site = boussole.first().site
    assert Client().get(f"/programme/{site.pk}/").status_code == 200
    assert Client().get(f"/programme/{site.pk}/house-rules/").status_code == 200
    before = Activity.objects.count(), Attendance.objects.count()
    builder.build()
    assert (Activity.objects.count(), Attendance.objects.count()) == before


def test_the_demo_outreach_figures_show_orientations_that_became_requests_and_places():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    worker = User.objects.get(email__startswith="referente@")
    shelter = OutreachContact.objects.values_list("round__site", flat=True).first()
    client = verified_client(worker)
    session = client.session
    session[SESSION_SITE_KEY] = shelter  # Nadia works at the shelter and the front desk
    session.save()
    rounds_page = client.get("/community/outreach/")
    assert rounds_page.status_code == 200
    # (month, named, oriented, requests, placed): one woman on every second Wednesday got a
    # bed in the days after the round; former guests were met again on 7 October and 4 November.
    shown = [
        (m.month, m.named, m.oriented, m.requests, m.placed) for m in rounds_page.context["figures"]
    ]
    assert shown == [
        (date(2026, 9, 1), 1, 1, 1, 1),
        (date(2026, 10, 1), 3, 3, 3, 2),
        (date(2026, 11, 1), 2, 2, 2, 1),
    ]
    oriented = OutreachContact.objects.exclude(request=None)
    assert oriented.count() == 6
    requests = Request.objects.filter(pk__in=oriented.values("request"))
    assert set(requests.values_list("site", flat=True)) == {shelter}
    assert requests.filter(outcome=Outcome.ACCOMMODATED).count() == 4
    # Each named woman's agreement is in her file.
    assert ConsentRecord.objects.filter(purpose=ConsentPurpose.OUTREACH, given=True).count() == 6
    coordinator = principal_for_user(User.objects.get(email__startswith="coordination@"))
    site = oriented.first().round.site
    assert sum(m.placed for m in queries.outreach_figures(coordinator, site)) == 4
