"""The demo's arrivals agree with themselves, and today's batch shows the optimiser doing right."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from django.core.management import call_command

from coordo.access.models import Organisation, Site, User
from coordo.access.scoping import principal_for_user
from coordo.demo import builder
from coordo.demo.dispatch import DEMO_PREGNANCY_AGES, MEDICAL_NOTES, PREGNANCY_NOTES, TODAY
from coordo.dispatch.actions import batches, could_be_pregnant
from coordo.dispatch.fetch import age_on
from coordo.dispatch.models import MedicalScreening, Proposal, SocialScreening
from coordo.dispatch.tasks import run_batch
from coordo.people.models import Household, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    builder.build()


def members_of(household: Household) -> list[tuple[str, int]]:
    return [
        (m.person.sex, age_on(m.person, TODAY)) for m in household.members.select_related("person")
    ]


def test_every_social_screening_agrees_with_who_is_in_the_household(demo):
    screenings = SocialScreening.objects.select_related("arrival__household")
    assert screenings.count() == 25
    seen: set[str] = set()
    for screening in screenings:
        household = screening.arrival.household
        members = members_of(household)
        adults = [(sex, age) for sex, age in members if age >= 18]
        flags = set(screening.flags)
        seen |= flags
        if "pregnant" in flags:
            assert any(sex == "F" and age in DEMO_PREGNANCY_AGES for sex, age in members)
            assert could_be_pregnant(household, TODAY), household.name
        assert ("single_parent" in flags) == (len(adults) == 1 and len(members) > 1), household.name
        if "single_woman" in flags:
            assert [sex for sex, _age in adults] == [sex for sex, _age in members] == ["F"]
        if screening.women_only:
            assert not any(sex == "M" and age >= 18 for sex, age in members)
    assert {"pregnant", "single_parent", "single_woman", "violence", "psychological"} <= seen


def test_the_nurses_notes_vary_and_agree_with_the_flags_and_needs(demo):
    screenings = MedicalScreening.objects.select_related("arrival__social", "arrival__household")
    assert screenings.count() == 13
    assert len({s.details for s in screenings}) >= 6
    pregnancy_notes = {text for text, _medical, _accessible in PREGNANCY_NOTES}
    for screening in screenings:
        assert (screening.needs_medical, screening.needs_accessible) == MEDICAL_NOTES[
            screening.details
        ]
        pregnant = "pregnant" in screening.arrival.social.flags
        assert (screening.details in pregnancy_notes) == pregnant, screening.arrival.household
    flagged = sum("pregnant" in s.flags for s in SocialScreening.objects.all())
    assert flagged == len([s for s in screenings if s.details in pregnancy_notes]) == 6


def test_the_load_summary_counts_what_the_database_holds():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    organisation = Organisation.objects.get(slug=builder.ORGANISATION[1])
    persons = Person.objects.filter(organisation=organisation).count()
    households = Household.objects.filter(organisation=organisation).count()
    users = User.objects.filter(organisation=organisation).count()
    first = out.getvalue().splitlines()[0]
    pattern = (
        rf"{users} users, {persons} persons in {households} households \({users} users, "
        rf"{persons} persons and {households} households created by this run\)\.$"
    )
    assert re.search(pattern, first), first
    assert (persons, households) == (748, 199)
    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert (
        again.getvalue()
        .splitlines()[0]
        .endswith(
            f"{users} users, {persons} persons in {households} households (0 users, 0 persons and "
            "0 households created by this run)."
        )
    )


def test_todays_batch_gives_the_medical_places_to_who_needs_them(demo, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    site = Site.objects.get(name="Centre d'arrivée Kanaal")
    dispatcher = User.objects.get(email__startswith="dispatch@")
    with time_machine.travel("2026-11-23 09:00 +01:00", tick=True):
        batch = batches.create_batch(site, by=principal_for_user(dispatcher))
        run_batch.call(batch.pk)
    proposals = Proposal.objects.filter(batch=batch).select_related(
        "unit", "arrival__social", "arrival__medical"
    )
    needing = [
        p
        for p in proposals
        if getattr(p.arrival, "medical", None) and p.arrival.medical.needs_medical
    ]
    pregnant = [p for p in needing if "pregnant" in p.arrival.social.flags]
    assert len(pregnant) == 4
    assert all(p.unit is not None and p.unit.medical for p in pregnant)
    # A medical place goes to a household without that need only if nobody who needs one waits.
    unplaced_needing = [p for p in needing if p.unit is None]
    given_away = [p for p in proposals if p.unit and p.unit.medical and p not in needing]
    assert not (unplaced_needing and given_away)
