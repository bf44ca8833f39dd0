"""The subject-access export gathers from every app that holds something on a person.

Each app registers what it holds (coordo.personal_data); a model that points at a
person or a household and is covered by no source fails here, so a new app cannot
forget to give her what it holds on her.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.apps import apps

from conftest import make_household, make_person, make_user, verified_client
from coordo import personal_data
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.dispatch import actions as dispatch
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import make_building, make_unit
from coordo.people.models import Household, Person


def models_pointing_at_a_person() -> set[str]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            forward = field.is_relation and (
                field.many_to_one or field.many_to_many or field.one_to_one
            )
            if forward and not field.auto_created and field.related_model in (Person, Household):
                found.add(model._meta.label)
    return found | {"people.Person"}


def test_every_model_holding_something_on_a_person_is_in_the_export():
    assert models_pointing_at_a_person() - personal_data.covered_models() == set()
    # The indirect ones are declared too: screenings hang off an arrival.
    assert {
        "dispatch.SocialScreening",
        "dispatch.MedicalScreening",
    } <= personal_data.covered_models()


def test_a_source_gives_fields_or_a_template_and_keys_are_unique():
    source = personal_data.sources()[0]
    personal_data.register(source)  # the same source again is harmless
    with pytest.raises(Exception, match="Two personal-data sources"):
        personal_data.register(personal_data.Source(source.key, "x", (), len, 0, fields={}))


@pytest.mark.django_db
def test_the_export_holds_her_stays_requests_arrival_and_screenings(site, coordinator):
    person = make_person(site, "Nadia", "Ferreira-Lenoir", birth_year=1991)
    child = make_person(site, "Lina", "Ferreira-Lenoir", birth_year=2019)
    household = make_household(site, person, child)
    unit = make_unit(make_building(site, confidential=True), "Studio 7", capacity=3)
    admit_household(
        unit,
        head=person,
        household=household,
        start=date(2026, 10, 5),
        by=principal_for_user(coordinator),
    )
    dispatcher = make_user(site, Role.DISPATCHER)
    nurse = make_user(site, Role.MEDICAL)
    arrival = dispatch.register_arrival(
        household,
        registered=date(2026, 9, 30),
        by=principal_for_user(dispatcher),
    )
    dispatch.record_social_screening(
        arrival,
        by=principal_for_user(dispatcher),
        flags=["single_parent"],
        women_only=True,
    )
    dispatch.record_medical_screening(
        arrival,
        details="Asthme, inhalateur MEDICALSECRET",
        needs_medical=True,
        needs_accessible=False,
        by=principal_for_user(nurse),
    )

    client = verified_client(coordinator)
    response = client.get(f"/people/{person.pk}/subject-access/?format=json")
    data = json.loads(response.content)
    assert [(s["start"], s["end"], s["places"]) for s in data["stays"]] == [
        ("2026-10-05", None, "Maison Test · Studio 7")
    ]
    [arrival_row] = data["arrivals"]
    assert arrival_row["registered"] == "2026-09-30"
    assert arrival_row["vulnerabilities"] == "Single parent"
    assert (arrival_row["women_only"], arrival_row["needs_medical"]) == (True, True)
    assert "MEDICALSECRET" not in response.content.decode()
    assert "Lina" not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1

    page = client.get(f"/people/{person.pk}/subject-access/").content.decode()
    assert "<h2>Stays</h2>" in page
    assert "<dt>Entry date</dt><dd>" in page
    assert "<h2>Arrival and screenings</h2>" in page
    assert "<dt>Needs a medical place</dt><dd>yes</dd>" in page
    assert "MEDICALSECRET" not in page
