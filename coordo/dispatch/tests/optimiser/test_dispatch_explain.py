"""Explanations: the facts, and their words in English, French and Dutch."""

from __future__ import annotations

import json

import pytest

from coordo.dispatch.optimiser import LANGUAGES, render_explanation
from coordo.dispatch.optimiser.messages import _FLAGS, _MESSAGES, _REGIONS

from .builders import centre, document, household, person, shared_dir, solve, unit


def _women_only_case():
    doc = document(
        [
            centre(
                "C1",
                [
                    unit("C1-D1", beds=6, free=1, women_only=True),
                    unit("C1-R1", "private", beds=2, free=0),
                ],
                region="brussels",
            ),
            centre("C2", [unit("C2-D1", beds=4, free=2)], region="flanders", language="nl"),
        ],
        [
            household(
                "H1",
                [person(31, "F")],
                vulnerable=True,
                flags=["single_woman", "trafficking"],
                women_only=True,
                region="flanders",
            )
        ],
    )
    return solve(doc).placements[0].explanation


def _trade_off_case():
    doc = document(
        [
            centre("FR1", [unit("FR1-R1", "private", beds=3)], region="wallonia"),
            centre(
                "NL1",
                [unit("NL1-R1", "private", beds=4, accessible=True)],
                region="flanders",
                language="nl",
            ),
        ],
        [
            household(
                "H1",
                [person(34, "F"), person(9, "M", "nl"), person(7, "F", "nl")],
                vulnerable=True,
                flags=["single_parent"],
            ),
            household(
                "H2", [person(40, "M"), person(38, "F"), person(10, "F", "nl")], accessible=True
            ),
        ],
    )
    return solve(doc).placements[0].explanation


def test_the_facts_of_an_explanation():
    e = _women_only_case()
    assert (e.eligible_units, e.total_units, e.best_penalty) == (1, 3, 3)
    assert e.excluded == (("D5", 1), ("full", 1))
    assert (e.profile, e.unit_kind, e.unit_flags, e.penalty.region) == (
        "single_woman",
        "shared",
        ("women_only",),
        3,
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Single woman, 31 (vulnerable: single woman, trafficking): C1-D1 (dorm bed, "
            "women-only) at C1 (Brussels, fr); the only unit that qualified today; the others: "
            "D5 mixed dorm (1), full (1). Prefers Flanders, centre in Brussels (+3); no eligible "
            "unit had a lower penalty today.",
        ),
        (
            "fr",
            "Femme seule, 31 ans (vulnérable : femme seule, traite des êtres humains) : C1-D1 "
            "(lit en dortoir, femmes uniquement) à C1 (Bruxelles, fr) ; la seule unité admissible "
            "aujourd'hui ; les autres : D5 dortoir mixte (1), complètes (1). Région souhaitée : "
            "Flandre, centre : Bruxelles (+3) ; aucune unité admissible n'avait une pénalité plus "
            "basse aujourd'hui.",
        ),
        (
            "nl",
            "Alleenstaande vrouw, 31 jaar (kwetsbaar: alleenstaande vrouw, mensenhandel): C1-D1 "
            "(bed in slaapzaal, enkel vrouwen) in C1 (Brussel, fr); de enige eenheid die vandaag "
            "in aanmerking kwam; de andere: D5 gemengde slaapzaal (1), volzet (1). Voorkeur voor "
            "Vlaanderen, centrum in Brussel (+3); geen enkele geschikte eenheid had vandaag minder "
            "strafpunten.",
        ),
    ],
)
def test_a_placement_explained_in_each_language(language: str, text: str):
    assert render_explanation(_women_only_case(), language) == text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Household of 3 (vulnerable: single parent): FR1-R1 (private unit, 3 beds) at FR1 "
            "(Wallonia, fr); 2 of 2 units qualified today. School language nl differs from the "
            "centre's fr (+20); its lowest possible penalty today was 0 (at NL1), but those places "
            "or that centre's intake went to other households.",
        ),
        (
            "fr",
            "Ménage de 3 personnes (vulnérable : famille monoparentale) : FR1-R1 (logement "
            "individuel, 3 lits) à FR1 (Wallonie, fr) ; 2 unités admissibles sur 2 aujourd'hui. "
            "Langue scolaire nl, différente de celle du centre, fr (+20) ; sa pénalité la plus "
            "basse possible aujourd'hui était 0 (à NL1), mais ces places ou la capacité du jour "
            "de ce centre sont allées à d'autres ménages.",
        ),
        (
            "nl",
            "Gezin van 3 personen (kwetsbaar: eenoudergezin): FR1-R1 (individuele woonst, 3 "
            "bedden) in FR1 (Wallonië, fr); 2 van de 2 eenheden kwamen vandaag in aanmerking. "
            "Schooltaal nl verschilt van de taal van het centrum, fr (+20); de laagst mogelijke "
            "strafpunten vandaag waren 0 (in NL1), maar die plaatsen of de dagcapaciteit van dat "
            "centrum gingen naar andere gezinnen.",
        ),
    ],
)
def test_a_trade_off_explained_in_each_language(language: str, text: str):
    assert render_explanation(_trade_off_case(), language) == text


def test_every_language_has_every_message():
    assert set(_MESSAGES) == set(_REGIONS) == set(_FLAGS) == set(LANGUAGES) == {"en", "fr", "nl"}
    for language in LANGUAGES:
        assert _MESSAGES[language].keys() == _MESSAGES["en"].keys()
        assert _FLAGS[language].keys() == _FLAGS["en"].keys()


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of en, fr, nl"):
        render_explanation(_women_only_case(), "de")


def test_eligible_units_match_the_tiny_example_solution():
    examples = shared_dir() / "formats" / "examples"
    if not (examples / "dispatch-tiny.solution.json").exists():
        pytest.skip(f"no shared examples at {examples} (set COORDO_SHARED)")
    doc = json.loads((examples / "dispatch-tiny.json").read_text(encoding="utf-8"))
    reference = json.loads((examples / "dispatch-tiny.solution.json").read_text(encoding="utf-8"))
    expected = {p["household"]: p["explanation"]["eligible_units"] for p in reference["placements"]}
    found = {p.household: p.explanation.eligible_units for p in solve(doc).placements}
    assert found == expected == {"H01": 2, "H02": 2, "H04": 4, "H05": 1, "H06": 1, "H08": 6}
