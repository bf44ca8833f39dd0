"""Every proposal and every refusal in plain words, in the reader's language; the override list."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import verified_client
from coordo.dispatch import explanations, queries
from coordo.dispatch.actions import batches
from coordo.dispatch.models import Proposal
from coordo.dispatch.tasks import run_batch
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family, make_medical

pytestmark = pytest.mark.django_db

SOW = (
    "No unit in the network can take this household, even when empty. The closest units: too "
    "small for 7 persons (the largest has 5 beds), or a shared room, for one person only."
)
BAH = (
    "A private unit with 2 beds (medical place, reduced-mobility access) at Centre BXL: the "
    "only unit in the network that met this household's needs today (a medical place)."
)
DIALLO = (
    "No place was free today: 1 unit suits this household (1 went to a household with priority "
    "today). It is at Centre BXL."
)
CAMARA = (
    "A private unit with 4 beds at Centre BXL: one of 3 units in the network that could take "
    "this household today. It matches the children's school language."
)


@pytest.fixture
def batch(immediate_tasks, arrival_site, dispatcher, nurse, network):
    """A family of seven no unit holds, two who need the one medical place, a family of two."""
    make_arrival(make_family(arrival_site, "Sow", *range(2010, 2016)), by=dispatcher)
    bah = make_arrival(make_family(arrival_site, "Bah"), by=dispatcher)
    make_medical(bah, by=nurse, details="Dialyse", needs_medical=True)
    diallo = make_arrival(
        make_family(arrival_site, "Diallo", head_sex="M"),
        by=dispatcher,
        registered=date(2026, 11, 22),
    )
    make_medical(diallo, by=nurse, details="Insuline", needs_medical=True)
    make_arrival(make_family(arrival_site, "Camara", 2016), by=dispatcher, school_language="fr")
    batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    run_batch.call(batch.pk)
    batch.refresh_from_db()
    return batch


def texts(batch) -> dict[str, str]:
    return {
        row["proposal"].arrival.household.name: row["text"] for row in queries.proposal_rows(batch)
    }


def test_every_proposal_and_every_refusal_says_why_in_plain_words(batch):
    assert texts(batch) == {
        "Sow family": SOW,
        "Bah family": BAH,
        "Diallo family": DIALLO,
        "Camara family": CAMARA,
    }


def test_the_same_reasons_in_french_and_dutch(batch):
    with translation.override("fr"):
        french = texts(batch)
    assert french["Diallo family"] == (
        "Aucune place n'était libre aujourd'hui : 1 unité convient à ce ménage (1 est allée à un "
        "ménage prioritaire aujourd'hui). Elle est à Centre BXL."
    )
    assert french["Sow family"] == (
        "Aucune unité du réseau ne peut accueillir ce ménage, même vide. Les unités les plus "
        "proches : trop petites pour 7 personnes (la plus grande a 5 lits), ou une chambre "
        "partagée, pour une seule personne."
    )
    with translation.override("nl"):
        dutch = texts(batch)
    assert dutch["Camara family"] == (
        "Een individuele woonst met 4 bedden in Centre BXL: een van de 3 eenheden in het netwerk "
        "die dit gezin vandaag konden opnemen. Ze past bij de schooltaal van de kinderen."
    )


def test_the_review_page_leaves_no_household_without_a_reason(batch, dispatcher):
    page = verified_client(dispatcher).get(reverse("dispatch_batch_detail", args=[batch.pk]))
    body = page.content.decode()
    for sentence in (SOW, BAH, DIALLO, CAMARA):
        assert sentence.replace("'", "&#x27;") in body
    assert "<td>—</td>" not in body
    assert "The best possible plan was found in" in body
    assert "3 of 11 persons placed, 1 of them vulnerable." in body


def test_the_override_list_shows_free_beds_and_whether_each_unit_suits(batch, dispatcher):
    camara = Proposal.objects.get(batch=batch, arrival__household__name="Camara family")
    url = reverse("dispatch_proposal_override", args=[camara.pk])
    client = verified_client(dispatcher)
    field = client.get(url).context["form"].fields["unit"]
    labels = [label for _value, label in field.choices]
    assert labels == [
        "No place today (waiting list)",
        "BXL-F1 · Centre BXL — 4 of 4 beds free — suits this household",
        "GNT-F1 · Centre GNT — 5 of 5 beds free — suits this household",
        "BXL-M1 · Centre BXL — 0 of 2 beds free — does not suit: already given to another "
        "household of this batch",
        "BXL-S1 · Centre BXL — 2 of 6 beds free — does not suit: a shared room, for one person "
        "only",
        "GNT-S1 · Centre GNT — 3 of 6 beds free — does not suit: a shared room, for one person "
        "only",
    ]
    taken = network_unit(batch, "BXL-M1")
    response = client.post(url, {"unit": taken.pk, "reason_code": "medical"})
    assert response.context["form"].errors == {
        "unit": [
            "BXL-M1 does not suit this household: already given to another household of this batch."
        ]
    }


def network_unit(batch, code):
    from coordo.dispatch.models import ReceptionUnit

    return ReceptionUnit.objects.get(organisation_id=batch.organisation_id, code=code)


def test_a_running_batch_says_what_it_is_doing():
    progress = {"stage": "W", "elapsed": 3.2, "score": {"V": 4, "P": 9, "W": 30, "Q": 13}}
    assert explanations.progress_text(progress) == (
        "Now giving priority to who waited longest, after 3.2 s: 9 persons placed so far, 4 of "
        "them vulnerable."
    )
    result = {"status": "feasible", "solve_seconds": 10.0, "score": progress["score"]}
    assert explanations.result_text(result, persons=12) == (
        "A good plan was found in 10.0 s; the search stopped before proving it the best. 9 of 12 "
        "persons placed, 4 of them vulnerable."
    )


def test_a_proposal_saved_before_the_facts_were_kept_still_reads():
    assert explanations.proposal_text({"en": "Old words", "fr": "Vieux mots"}, "", {}) == (
        "Old words"
    )
    assert explanations.proposal_text({}, "capacity", {}) == "No suitable place was free today."
