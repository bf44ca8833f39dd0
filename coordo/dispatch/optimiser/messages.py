"""The explanations' words in English, French and Dutch.

A small catalogue rather than gettext: the optimiser has no Django and its
command line must speak the dispatcher's language without compiled .mo files.
Placeholders are `str.format` fields; every language has every key (a test
checks it).
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "nl")

_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "who.single_man": "Single man, {age}",
        "who.single_woman": "Single woman, {age}",
        "who.single_person": "Single person, {age}",
        "who.minor": "Unaccompanied minor, {age}",
        "who.minors": "{size} unaccompanied minors",
        "who.family": "Household of {size}",
        "who.vulnerable": "{who} (vulnerable)",
        "who.vulnerable_flags": "{who} (vulnerable: {flags})",
        "unit.private": "private unit, {beds} beds",
        "unit.private_one": "private unit, 1 bed",
        "unit.shared": "dorm bed",
        "flag.women_only": "women-only",
        "flag.medical": "medical",
        "flag.accessible": "accessible",
        "flag.minors": "for minors",
        "placed": "{who}: {unit} ({unit_desc}) at {centre} ({region}, {language}); "
        "{eligibility}{others}.",
        "eligible.one": "the only unit that qualified today",
        "eligible.many": "{count} of {total} units qualified today",
        "others": "; the others: {reasons}",
        "reason.full": "full ({n})",
        "reason.intake": "centre's daily intake too small ({n})",
        "reason.D2": "D2 too small ({n})",
        "reason.D3": "D3 dorm, one person only ({n})",
        "reason.D4": "D4 not medical or accessible ({n})",
        "reason.D5": "D5 mixed dorm ({n})",
        "reason.D6": "D6 women-only ({n})",
        "reason.D7": "D7 not for minors ({n})",
        "reason.D7_reserved": "D7 reserved for minors ({n})",
        "reason.D9": "D9 excluded centre ({n})",
        "penalty.none": "no school-language, family or region penalty",
        "penalty.school_language": "school language {languages} differs from the centre's "
        "{language} (+{points})",
        "penalty.family_link": "family is at {family_centre} (+{points})",
        "penalty.region": "prefers {region}, centre in {centre_region} (+{points})",
        "tradeoff.taken": "its lowest possible penalty today was {best} (at {best_centre}), "
        "but those places or that centre's intake went to other households",
        "tradeoff.left_free": "a unit with penalty {best} (at {best_centre}) was still free: "
        "the search stopped before improving this",
        "tradeoff.lowest": "no eligible unit had a lower penalty today",
        "join": "; ",
    },
    "fr": {
        "who.single_man": "Homme seul, {age} ans",
        "who.single_woman": "Femme seule, {age} ans",
        "who.single_person": "Personne seule, {age} ans",
        "who.minor": "Mineur non accompagné, {age} ans",
        "who.minors": "{size} mineurs non accompagnés",
        "who.family": "Ménage de {size} personnes",
        "who.vulnerable": "{who} (vulnérable)",
        "who.vulnerable_flags": "{who} (vulnérable : {flags})",
        "unit.private": "logement individuel, {beds} lits",
        "unit.private_one": "logement individuel, 1 lit",
        "unit.shared": "lit en dortoir",
        "flag.women_only": "femmes uniquement",
        "flag.medical": "médical",
        "flag.accessible": "accessible",
        "flag.minors": "pour mineurs",
        "placed": "{who} : {unit} ({unit_desc}) à {centre} ({region}, {language}) ; "
        "{eligibility}{others}.",
        "eligible.one": "la seule unité admissible aujourd'hui",
        "eligible.many": "{count} unités admissibles sur {total} aujourd'hui",
        "others": " ; les autres : {reasons}",
        "reason.full": "complètes ({n})",
        "reason.intake": "capacité d'accueil du jour du centre trop faible ({n})",
        "reason.D2": "D2 trop petites ({n})",
        "reason.D3": "D3 dortoir, une seule personne ({n})",
        "reason.D4": "D4 ni médicales ni accessibles ({n})",
        "reason.D5": "D5 dortoir mixte ({n})",
        "reason.D6": "D6 réservées aux femmes ({n})",
        "reason.D7": "D7 pas pour mineurs ({n})",
        "reason.D7_reserved": "D7 réservées aux mineurs ({n})",
        "reason.D9": "D9 centre exclu ({n})",
        "penalty.none": "aucune pénalité de langue scolaire, de famille ou de région",
        "penalty.school_language": "langue scolaire {languages}, différente de celle du "
        "centre, {language} (+{points})",
        "penalty.family_link": "famille au centre {family_centre} (+{points})",
        "penalty.region": "région souhaitée : {region}, centre : {centre_region} (+{points})",
        "tradeoff.taken": "sa pénalité la plus basse possible aujourd'hui était {best} "
        "(à {best_centre}), mais ces places ou la capacité du jour de ce centre sont allées "
        "à d'autres ménages",
        "tradeoff.left_free": "une unité à pénalité {best} (à {best_centre}) restait libre : "
        "la recherche s'est arrêtée avant d'améliorer ce choix",
        "tradeoff.lowest": "aucune unité admissible n'avait une pénalité plus basse aujourd'hui",
        "join": " ; ",
    },
    "nl": {
        "who.single_man": "Alleenstaande man, {age} jaar",
        "who.single_woman": "Alleenstaande vrouw, {age} jaar",
        "who.single_person": "Alleenstaande persoon, {age} jaar",
        "who.minor": "Niet-begeleide minderjarige, {age} jaar",
        "who.minors": "{size} niet-begeleide minderjarigen",
        "who.family": "Gezin van {size} personen",
        "who.vulnerable": "{who} (kwetsbaar)",
        "who.vulnerable_flags": "{who} (kwetsbaar: {flags})",
        "unit.private": "individuele woonst, {beds} bedden",
        "unit.private_one": "individuele woonst, 1 bed",
        "unit.shared": "bed in slaapzaal",
        "flag.women_only": "enkel vrouwen",
        "flag.medical": "medisch",
        "flag.accessible": "toegankelijk",
        "flag.minors": "voor minderjarigen",
        "placed": "{who}: {unit} ({unit_desc}) in {centre} ({region}, {language}); "
        "{eligibility}{others}.",
        "eligible.one": "de enige eenheid die vandaag in aanmerking kwam",
        "eligible.many": "{count} van de {total} eenheden kwamen vandaag in aanmerking",
        "others": "; de andere: {reasons}",
        "reason.full": "volzet ({n})",
        "reason.intake": "dagcapaciteit van het centrum te klein ({n})",
        "reason.D2": "D2 te klein ({n})",
        "reason.D3": "D3 slaapzaal, enkel voor één persoon ({n})",
        "reason.D4": "D4 niet medisch of toegankelijk ({n})",
        "reason.D5": "D5 gemengde slaapzaal ({n})",
        "reason.D6": "D6 enkel vrouwen ({n})",
        "reason.D7": "D7 niet voor minderjarigen ({n})",
        "reason.D7_reserved": "D7 voorbehouden aan minderjarigen ({n})",
        "reason.D9": "D9 uitgesloten centrum ({n})",
        "penalty.none": "geen strafpunten voor schooltaal, familie of regio",
        "penalty.school_language": "schooltaal {languages} verschilt van de taal van het "
        "centrum, {language} (+{points})",
        "penalty.family_link": "familie verblijft in {family_centre} (+{points})",
        "penalty.region": "voorkeur voor {region}, centrum in {centre_region} (+{points})",
        "tradeoff.taken": "de laagst mogelijke strafpunten vandaag waren {best} "
        "(in {best_centre}), maar die plaatsen of de dagcapaciteit van dat centrum gingen "
        "naar andere gezinnen",
        "tradeoff.left_free": "een eenheid met {best} strafpunten (in {best_centre}) was nog "
        "vrij: de zoektocht stopte voor deze keuze verbeterd werd",
        "tradeoff.lowest": "geen enkele geschikte eenheid had vandaag minder strafpunten",
        "join": "; ",
    },
}

_REGIONS = {
    "en": {"brussels": "Brussels", "flanders": "Flanders", "wallonia": "Wallonia"},
    "fr": {"brussels": "Bruxelles", "flanders": "Flandre", "wallonia": "Wallonie"},
    "nl": {"brussels": "Brussel", "flanders": "Vlaanderen", "wallonia": "Wallonië"},
}

# Household flags are free labels; the usual ones are translated, others shown as is.
_FLAGS = {
    "en": {
        "pregnant": "pregnant",
        "single_woman": "single woman",
        "violence": "violence",
        "trafficking": "trafficking",
        "medical": "medical",
        "psychological": "psychological",
        "lgbti": "LGBTI+",
        "elderly": "elderly",
        "single_parent": "single parent",
    },
    "fr": {
        "pregnant": "enceinte",
        "single_woman": "femme seule",
        "violence": "violences",
        "trafficking": "traite des êtres humains",
        "medical": "médical",
        "psychological": "psychologique",
        "lgbti": "LGBTI+",
        "elderly": "personne âgée",
        "single_parent": "famille monoparentale",
    },
    "nl": {
        "pregnant": "zwanger",
        "single_woman": "alleenstaande vrouw",
        "violence": "geweld",
        "trafficking": "mensenhandel",
        "medical": "medisch",
        "psychological": "psychologisch",
        "lgbti": "LGBTI+",
        "elderly": "oudere",
        "single_parent": "eenoudergezin",
    },
}


def catalogue(language: str) -> dict[str, str]:
    try:
        return _MESSAGES[language]
    except KeyError:
        raise ValueError(
            f"language must be one of {', '.join(LANGUAGES)} (got {language!r})"
        ) from None


def region_label(region: str, language: str) -> str:
    return _REGIONS[language].get(region, region)


def flag_label(flag: str, language: str) -> str:
    return _FLAGS[language].get(flag, flag.replace("_", " "))
