"""Explanations: the facts, and their words in English, French and Dutch."""

from __future__ import annotations

import json
import random

import pytest

from coordo.dispatch.optimiser import LANGUAGES, greedy_plan, parse_instance, render_explanation
from coordo.dispatch.optimiser.messages import _FLAGS, _MESSAGES, _REGIONS
from coordo.dispatch.optimiser.model import Refusal
from coordo.dispatch.optimiser.rules import fits_in_plan, violations

from .builders import centre, document, household, person, placed, shared_dir, solve, unit


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


def test_why_a_household_found_no_room_today():
    doc = document(
        [
            centre(
                "C1",
                [unit("C1-R1", "private", beds=4, free=2), unit("C1-R2", "private", beds=3)],
                intake=6,
            ),
            centre("C2", [unit("C2-R1", "private", beds=3)], intake=2, region="flanders"),
        ],
        [
            household("H1", [person(30, "F"), person(5, "M"), person(3, "F")], vulnerable=True),
            household("H2", [person(40, "M"), person(38, "F"), person(9, "F")]),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-R2"}
    [refused] = solution.unplaced
    assert refused.why == Refusal(
        reason="capacity",
        size=3,
        needs=(),
        suitable_units=3,
        full=1,
        intake=1,
        taken=1,
        centres=("C1", "C2"),
        centre_count=2,
    )


def test_why_no_unit_in_the_network_could_take_a_household():
    doc = document(
        [
            centre(
                "C1",
                [
                    unit("C1-R1", "private", beds=6),
                    unit("C1-M1", "private", beds=2, medical=True, accessible=True),
                    unit("C1-D1", beds=6),
                ],
            )
        ],
        [
            household("H1", [person(30, "F")] + [person(5, "M")] * 6),
            household("H2", [person(40, "M"), person(8, "F"), person(6, "F")], accessible=True),
        ],
    )
    refusals = {u.household: u.why for u in solve(doc).unplaced}
    assert refusals["H1"] == Refusal(
        reason="no_eligible_unit", size=7, needs=(), closest=(("D2",), ("D3",)), largest_beds=6
    )
    # Big enough but not accessible, or accessible but too small: one rule each.
    assert refusals["H2"] == Refusal(
        reason="no_eligible_unit",
        size=3,
        needs=("accessible",),
        closest=(("D2",), ("D4",)),
        largest_beds=2,
    )


def test_which_units_an_override_could_use():
    doc = document(
        [
            centre(
                "C1",
                [
                    unit("C1-R1", "private", beds=4),
                    unit("C1-R2", "private", beds=2),
                    unit("C1-D1", beds=6, free=1),
                    unit("C1-D2", beds=6, free=0),
                ],
                intake=5,
            )
        ],
        [household("H1", [person(30, "F"), person(5, "M")]), household("H2"), household("H3")],
    )
    instance = parse_instance(doc)
    plan = {"H1": "C1-R1", "H2": "C1-D1", "H3": "C1-R2"}
    fits = {f.unit: (f.free, f.problems) for f in fits_in_plan(instance, plan, "H1")}
    assert fits == {
        "C1-R1": (4, ()),
        "C1-R2": (0, ("taken",)),
        "C1-D1": (0, ("D3", "taken")),
        "C1-D2": (0, ("D3", "full")),
    }
    assert {f.unit: f.problems for f in fits_in_plan(instance, plan, "H3")}["C1-D1"] == ("taken",)
    doc["centres"][0]["daily_intake"] = 3
    smaller = parse_instance(doc)
    plan = {"H1": "C1-R1", "H2": "C1-D1"}
    assert {f.unit: f.problems for f in fits_in_plan(smaller, plan, "H3")}["C1-R2"] == ("intake",)


@pytest.mark.parametrize("seed", range(6))
def test_a_fit_without_problems_is_exactly_a_move_the_rules_accept(seed: int):
    from .test_dispatch_objective import _random_document

    instance = parse_instance(_random_document(random.Random(seed), 7))
    plan = greedy_plan(instance)
    for h in instance.households:
        for fit in fits_in_plan(instance, plan, h.id):
            moved = {**plan, h.id: fit.unit}
            assert (not fit.problems) == (not violations(instance, moved)), (h.id, fit)
