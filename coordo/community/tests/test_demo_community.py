from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

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
