"""Reading instances: every malformation is named by its JSON path."""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
from datetime import date

import pytest

from coordo.dispatch.optimiser import InstanceError, check_instance, parse_instance

from .builders import centre, document, household, person, shared_dir, unit


def _valid() -> dict:
    return document(
        [
            centre("C1", [unit("C1-D1", beds=6, free=2), unit("C1-R1", "private", beds=3)]),
            centre(
                "C2", [unit("C2-D1", beds=4, free=1, minors=True)], region="flanders", language="nl"
            ),
        ],
        [
            household(
                "H1",
                [person(34, "F"), person(9, "M", "nl")],
                vulnerable=True,
                flags=["single_parent"],
                family_centre="C2",
                exclude=["C1"],
                region="flanders",
            ),
            household("H2", [person(16, "M")], minor=True),
        ],
    )


def _mutated(change) -> dict:
    doc = copy.deepcopy(_valid())
    change(doc)
    return doc


# Every malformation dispatch.md and dispatch_rules.py name, with the exact message.
MALFORMED = {
    "duplicate unit id across centres": (
        lambda d: d["centres"][1]["units"][0].update(id="C1-R1"),
        "centres[1].units[0].id: duplicate unit id 'C1-R1' (first at centres[0].units[1].id)",
    ),
    "unknown family centre": (
        lambda d: d["households"][0].update(family_centre="ZZ"),
        "households[0].family_centre: unknown centre 'ZZ'",
    ),
    "unknown excluded centre": (
        lambda d: d["households"][0]["exclude_centres"].append("ZZ"),
        "households[0].exclude_centres[1]: unknown centre 'ZZ'",
    ),
    "registered after the batch date": (
        lambda d: d["households"][1].update(registered="2026-11-24"),
        "households[1].registered: must not be after the batch date 2026-11-23",
    ),
    "negative weight": (
        lambda d: d["weights"].update(region=-1),
        "weights.region: must be an integer >= 0",
    ),
    "fractional weight": (
        lambda d: d["weights"].update(school_language=2.5),
        "weights.school_language: must be an integer >= 0",
    ),
    "boolean weight": (
        lambda d: d["weights"].update(family_link=True),
        "weights.family_link: must be an integer >= 0",
    ),
    "missing weight": (
        lambda d: d["weights"].pop("family_link"),
        "weights.family_link: is required",
    ),
    "unknown sex": (
        lambda d: d["households"][0]["members"][1].update(sex="W"),
        "households[0].members[1].sex: must be one of F, M, X (got 'W')",
    ),
    "wrong format": (
        lambda d: d.update(format="coordo.roster/1"),
        "format: must be 'coordo.dispatch/1' (got 'coordo.roster/1')",
    ),
    "bad date": (lambda d: d.update(date="23/11/2026"), "date: must be a date written YYYY-MM-DD"),
    "free above beds": (
        lambda d: d["centres"][0]["units"][0].update(free=7),
        "centres[0].units[0].free: must be at most beds 6 (got 7)",
    ),
    "unknown unit kind": (
        lambda d: d["centres"][0]["units"][1].update(kind="studio"),
        "centres[0].units[1].kind: must be one of private, shared (got 'studio')",
    ),
    "zero beds": (
        lambda d: d["centres"][0]["units"][1].update(beds=0, free=0),
        "centres[0].units[1].beds: must be an integer >= 1",
    ),
    "flag not a boolean": (
        lambda d: d["centres"][1]["units"][0].update(minors="yes"),
        "centres[1].units[0].minors: must be true or false",
    ),
    "negative intake": (
        lambda d: d["centres"][1].update(daily_intake=-2),
        "centres[1].daily_intake: must be an integer >= 0",
    ),
    "no members": (
        lambda d: d["households"][1].update(members=[]),
        "households[1].members: must list at least one person",
    ),
    "age above 130": (
        lambda d: d["households"][1]["members"][0].update(age=131),
        "households[1].members[0].age: must be at most 130 (got 131)",
    ),
    "missing need": (
        lambda d: d["households"][0]["needs"].pop("medical"),
        "households[0].needs.medical: is required",
    ),
    "empty school language": (
        lambda d: d["households"][0]["members"][1].update(school_language=""),
        "households[0].members[1].school_language: must be a non-empty string",
    ),
    "duplicate household": (
        lambda d: d["households"][1].update(id="H1"),
        "households[1].id: duplicate household id 'H1' (first at households[0].id)",
    ),
    "household not an object": (
        lambda d: d["households"].append("H3"),
        "households[2]: must be an object",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_each_malformation_is_named_by_its_path(case: str):
    change, message = MALFORMED[case]
    with pytest.raises(InstanceError) as raised:
        parse_instance(_mutated(change))
    assert raised.value.errors == [message]


def test_every_bad_field_is_listed_at_once():
    doc = _mutated(
        lambda d: [
            MALFORMED[c][0](d) for c in ("unknown sex", "negative weight", "unknown family centre")
        ]
    )
    with pytest.raises(InstanceError) as raised:
        parse_instance(doc)
    assert raised.value.errors == [
        "weights.region: must be an integer >= 0",
        "households[0].members[1].sex: must be one of F, M, X (got 'W')",
        "households[0].family_centre: unknown centre 'ZZ'",
    ]
    assert str(raised.value) == "weights.region: must be an integer >= 0 (and 2 more)"


def test_not_an_object():
    assert check_instance([]) == ["instance: must be an object"]


def test_the_messages_are_the_reference_validators():
    rules_path = shared_dir() / "formats" / "dispatch_rules.py"
    if not rules_path.exists():
        pytest.skip(f"no reference rules at {rules_path} (set COORDO_SHARED)")
    spec = importlib.util.spec_from_file_location("dispatch_rules", rules_path)
    assert spec is not None
    assert spec.loader is not None
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    for change, _message in MALFORMED.values():
        doc = _mutated(change)
        with pytest.raises(reference.FormatError) as raised:
            reference.check_instance(doc)
        assert check_instance(doc) == raised.value.errors


def test_a_valid_instance_becomes_frozen_dataclasses():
    instance = parse_instance(_valid())
    assert instance.date == date(2026, 11, 23)
    h1, h2 = instance.households
    assert (h1.size, h1.vulnerable, h1.family_centre, h1.exclude_centres) == (
        2,
        True,
        "C2",
        frozenset({"C1"}),
    )
    assert h1.members[1].school_language == "nl"
    assert (h2.unaccompanied_minor, h2.has_adult_male, instance.waiting_days(h2)) == (
        True,
        False,
        3,
    )
    assert [u.id for c in instance.centres for u in c.units] == ["C1-D1", "C1-R1", "C2-D1"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        h1.vulnerable = False  # type: ignore[misc]
