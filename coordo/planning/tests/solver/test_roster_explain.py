"""Infeasible instances: the conflict as data, and in words in English, French and Dutch."""

from __future__ import annotations

from coordo.planning.solver import Conflict, parse_instance, render_conflict, solve

from .builders import instance, person, shift, window

TUESDAY_MORNING = [window(1, "09:00", "12:00")]


def conflicts_of(document: dict) -> list[Conflict]:
    solution = solve(parse_instance(document), time_limit=5)
    assert solution.status == "infeasible"
    assert solution.objective is None
    assert solution.bound is None
    return list(solution.conflicts)


def in_three_languages(conflict: Conflict) -> dict[str, str]:
    return {lang: render_conflict(conflict, lang) for lang in ("en", "fr", "nl")}


def test_a_language_nobody_available_speaks():
    doc = instance(
        [shift("t9", "tue", "09:00", "12:00", languages_any=["ar", "ti"])],
        [
            person("amal", available=TUESDAY_MORNING),
            person("bruno", languages=["ar"], available=[]),
        ],
    )

    [conflict] = conflicts_of(doc)

    assert conflict.code == "language_gap"
    assert conflict.rules == ("H2", "H7")
    assert conflict.params["languages"] == ["ar", "ti"]
    assert in_three_languages(conflict) == {
        "en": "Tuesday 3 March 09:00–12:00 needs an Arabic or Tigrinya speaker; "
        "nobody available speaks either.",
        "fr": "mardi 3 mars 09:00–12:00 demande une personne parlant arabe ou tigrinya ; "
        "aucune personne disponible ne parle l'une de ces langues.",
        "nl": "dinsdag 3 maart 09:00–12:00 heeft iemand nodig die Arabisch of Tigrinya spreekt; "
        "niemand die beschikbaar is spreekt een van beide.",
    }


def test_not_enough_people_available():
    doc = instance(
        [shift("t21", "tue", "21:00", "24:00", required=2)],
        [person("amal"), person("bruno", absent=[{"from": "2026-03-03", "to": "2026-03-03"}])],
    )

    [conflict] = conflicts_of(doc)

    assert conflict.code == "understaffed"
    assert conflict.params == {
        "shift": {"id": "t21", "start": "2026-03-03T21:00", "end": "2026-03-04T00:00"},
        "required": 2,
        "available": ["amal"],
    }
    assert in_three_languages(conflict) == {
        "en": "Tuesday 3 March 21:00–24:00 needs 2 people; only amal is available.",
        "fr": "mardi 3 mars 21:00–24:00 demande 2 personnes, mais une seule est disponible : amal.",
        "nl": "dinsdag 3 maart 21:00–24:00 heeft 2 personen nodig; alleen amal is beschikbaar.",
    }


def test_an_oncall_period_when_every_member_is_away():
    away = [{"from": "2026-03-06", "to": "2026-03-06"}]
    rota = {
        "id": "garde",
        "members": [{"id": "ines", "absent": away}, {"id": "jan", "absent": away}],
        "periods": [
            {"id": "g1", "start": "2026-03-02T08:00", "end": "2026-03-06T08:00", "weekend": False},
            {"id": "g2", "start": "2026-03-06T08:00", "end": "2026-03-08T20:00", "weekend": True},
        ],
    }

    [conflict] = conflicts_of(instance([], [], oncall=[rota]))

    assert conflict.code == "oncall_all_absent"
    assert conflict.rules == ("O1", "O2")
    assert in_three_languages(conflict) == {
        "en": "Every member of the on-call rota garde (ines and jan) is away at some time in "
        "the on-call period from Friday 6 March 08:00 to Sunday 8 March 20:00.",
        "fr": "Tous les membres de la garde garde (ines et jan) sont absents à un moment de la "
        "période de garde du vendredi 6 mars 08:00 au dimanche 8 mars 20:00.",
        "nl": "Alle leden van de wachtdienst garde (ines en jan) zijn ergens afwezig tijdens de "
        "wachtperiode van vrijdag 6 maart 08:00 tot zondag 8 maart 20:00.",
    }


def test_a_published_shift_whose_person_is_now_absent():
    doc = instance(
        [shift("t9", "tue", "09:00", "12:00")],
        [person("bruno", absent=[{"from": "2026-03-03", "to": "2026-03-04"}]), person("chloe")],
        previous={
            "from": "2026-03-04T00:00",
            "assignments": [{"shift": "t9", "people": ["bruno"]}],
        },
    )

    [conflict] = conflicts_of(doc)

    assert conflict.code == "kept_ineligible"
    assert conflict.rules == ("H9", "H2")
    assert in_three_languages(conflict) == {
        "en": "bruno works Tuesday 3 March 09:00–12:00 in the published plan, but bruno is "
        "absent that day.",
        "fr": "bruno travaille mardi 3 mars 09:00–12:00 selon le planning publié, mais bruno "
        "est absent·e ce jour-là.",
        "nl": "bruno werkt dinsdag 3 maart 09:00–12:00 volgens de gepubliceerde planning, maar "
        "bruno is die dag afwezig.",
    }


def test_monthly_caps_too_small_for_the_seats():
    doc = instance(
        [shift(f"{d}9", d, "09:00", "12:00", required=2) for d in ("mon", "tue", "wed")],
        [
            person("a", max_shifts_per_month=2),
            person("b", max_shifts_per_month=2),
            person("c", max_shifts_per_month=1),
        ],
    )

    [conflict] = conflicts_of(doc)

    assert conflict.code == "monthly_capacity"
    assert render_conflict(conflict, "en") == (
        "In March 2026, the shifts at delta need 6 people in all, but the people available "
        "there can work at most 5 shifts within their monthly limits."
    )


def test_a_conflict_only_the_model_finds_names_the_rules_and_shifts():
    # Each shift alone has its person, but amal cannot close at midnight and open at
    # 06:00: the core of assumptions names both shifts and her overnight rest.
    doc = instance(
        [shift("m21", "mon", "21:00", "24:00"), shift("t6", "tue", "06:00", "09:00")],
        [person("amal")],
    )

    [conflict] = conflicts_of(doc)

    assert conflict.code == "rule_conflict"
    assert conflict.rules == ("H1", "H5")
    assert in_three_languages(conflict) == {
        "en": "These rules cannot all be met together: Monday 2 March 21:00–24:00 needs "
        "1 person; Tuesday 3 March 06:00–09:00 needs 1 person; amal needs 8 hours of rest "
        "after Monday 2 March.",
        "fr": "Ces règles ne peuvent pas être respectées ensemble : lundi 2 mars 21:00–24:00 "
        "demande 1 personne; mardi 3 mars 06:00–09:00 demande 1 personne; amal doit se "
        "reposer 8 heures après le lundi 2 mars.",
        "nl": "Deze regels kunnen niet allemaal samen gelden: maandag 2 maart 21:00–24:00 "
        "heeft 1 persoon nodig; dinsdag 3 maart 06:00–09:00 heeft 1 persoon nodig; amal "
        "heeft 8 uur rust nodig na maandag 2 maart.",
    }


def test_a_site_is_named_when_there_are_several():
    sites = [{"id": "delta", "women_only": False}, {"id": "omega", "women_only": True}]
    doc = instance(
        [shift("o9", "tue", "09:00", "12:00", site="omega")],
        [person("bruno", sites=["omega"], female=False)],
        sites=sites,
    )

    [conflict] = conflicts_of(doc)

    assert render_conflict(conflict, "en") == (
        "Tuesday 3 March 09:00–12:00 at omega needs 1 person; nobody is available."
    )
    assert render_conflict(conflict, "nl-BE") == (
        "dinsdag 3 maart 09:00–12:00 in omega heeft 1 persoon nodig; niemand is beschikbaar."
    )
