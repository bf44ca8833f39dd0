from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import verified_client
from coordo.community.actions import meetings
from coordo.community.models import Decision, DecisionStatus, MeetingKind
from coordo.community.tests.factories import make_public, principal

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembly(site, coordinator, host):
    return meetings.create_meeting(
        site, kind=MeetingKind.ASSEMBLY, held_on=date(2026, 5, 7), attendance=18,
        team_present=[host], by=principal(coordinator),
    )  # fmt: skip


def test_anyone_on_the_team_puts_an_item_on_the_agenda(assembly, host):
    item = meetings.propose_agenda_item(
        assembly, title="Ouvrir le jardin", proposed_by="Nour", by=principal(host)
    )
    assert list(assembly.agenda.all()) == [item]
    with pytest.raises(ValidationError) as refused:
        meetings.propose_agenda_item(assembly, title=" ", by=principal(host))
    assert list(refused.value.message_dict) == ["title"]


def test_a_decision_replacing_an_earlier_one_links_to_it(site, assembly, coordinator):
    by = principal(coordinator)
    first = meetings.record_decision(assembly, text="Le jardin ouvre le samedi.", by=by)
    later = meetings.create_meeting(
        site, kind=MeetingKind.ASSEMBLY, held_on=date(2026, 6, 4), by=by
    )
    second = meetings.record_decision(
        later, text="Le jardin ouvre aussi le mercredi.", carried_by="Mireille",
        review_on=date(2026, 9, 1), replaces=first, by=by,
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.status, first.replaced_by) == (DecisionStatus.REPLACED, second)
    assert list(second.replaces.all()) == [first]
    with pytest.raises(ValidationError) as refused:
        meetings.record_decision(later, text="Encore", replaces=first, by=by)
    assert list(refused.value.message_dict) == ["replaces"]
    with pytest.raises(ValidationError) as refused:
        meetings.set_decision_status(first, status=DecisionStatus.DONE, by=by)
    assert list(refused.value.message_dict) == ["status"]


def test_a_host_records_no_decision(assembly, host):
    with pytest.raises(PermissionDenied):
        meetings.record_decision(assembly, text="On décide", by=principal(host))


def test_a_review_before_the_meeting_is_refused(assembly, coordinator):
    with pytest.raises(ValidationError) as refused:
        meetings.record_decision(
            assembly, text="X", review_on=date(2026, 5, 1), by=principal(coordinator)
        )
    assert list(refused.value.message_dict) == ["review_on"]


def test_the_log_is_searchable_and_shows_the_replacement(site, assembly, coordinator, host):
    by = principal(coordinator)
    first = meetings.record_decision(assembly, text="Repas partagé le jeudi.", by=by)
    meetings.record_decision(assembly, text="Le potager est à tout le monde.", by=by)
    meetings.record_decision(assembly, text="Repas partagé le vendredi.", replaces=first, by=by)
    client = verified_client(host)
    answer = client.get("/community/decisions/", {"q": "repas"})
    assert [d.text for d in answer.context["decisions"]] == [
        "Repas partagé le vendredi.", "Repas partagé le jeudi.",
    ]  # fmt: skip
    assert "Replaced by" in answer.content.decode()
    replaced = client.get("/community/decisions/", {"status": "replaced"})
    assert [d.text for d in replaced.context["decisions"]] == ["Repas partagé le jeudi."]


def test_the_decision_form_replaces_an_earlier_decision(assembly, coordinator):
    by = principal(coordinator)
    first = meetings.record_decision(assembly, text="Café offert.", by=by)
    answer = verified_client(coordinator).post(
        f"/community/meetings/{assembly.pk}/decisions/",
        {"text": "Café à prix libre.", "replaces": str(first.pk)},
    )
    assert answer.status_code == 302
    assert Decision.objects.get(pk=first.pk).replaced_by.text == "Café à prix libre."


def test_house_rules_versions_and_the_one_in_force_on_a_public_page(site, assembly, coordinator):
    by = principal(coordinator)
    make_public(site)
    first = meetings.record_decision(assembly, text="Adopter la charte.", by=by)
    one = meetings.add_rules_version(
        site, title="Charte de la maison", text="On se respecte.",
        in_force_from=date(2026, 5, 7), decision=first, by=by,
    )  # fmt: skip
    change = meetings.record_decision(assembly, text="Ajouter le silence après 22 h.", by=by)
    two = meetings.add_rules_version(
        site, title="Charte de la maison", text="On se respecte.\nSilence après 22 h.",
        in_force_from=date(2026, 6, 1), decision=change, by=by,
    )  # fmt: skip
    assert (one.number, two.number) == (1, 2)
    # "In force" is today's: the clock is set, so the page shows the same version every year.
    with time_machine.travel("2026-05-31 12:00 +02:00", tick=False):
        before = Client().get(f"/programme/{site.pk}/house-rules/")
    with time_machine.travel("2026-06-01 09:00 +02:00", tick=False):
        answer = Client().get(f"/programme/{site.pk}/house-rules/")
    assert (before.status_code, answer.status_code) == (200, 200)
    assert "On se respecte." in before.content.decode()
    assert "Silence après 22 h." not in before.content.decode()
    assert "Silence après 22 h." in answer.content.decode()
    with pytest.raises(ValidationError) as refused:
        meetings.add_rules_version(
            site, title="Charte", text="…", in_force_from=date(2026, 5, 1), decision=change, by=by
        )
    assert list(refused.value.message_dict) == ["in_force_from"]


def test_house_rules_of_a_site_not_public_are_404(site, assembly, coordinator):
    by = principal(coordinator)
    decision = meetings.record_decision(assembly, text="Adopter la charte.", by=by)
    meetings.add_rules_version(
        site, title="Charte", text="On se respecte.", in_force_from=date(2026, 5, 7),
        decision=decision, by=by,
    )  # fmt: skip
    with time_machine.travel("2026-06-01 09:00 +02:00", tick=False):  # a version in force
        assert Client().get(f"/programme/{site.pk}/house-rules/").status_code == 404
