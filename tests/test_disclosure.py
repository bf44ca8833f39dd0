"""Disclosure control on small tables: counts of 0 to 4 suppressed, complements chosen so
that the attacker's LP never pins a suppressed count, whole periods only.

Counts of 1 to 4 sit in every table, so a threshold lowered to 2, 3 or 4 (or raised)
breaks an exact assertion here."""

from __future__ import annotations

import random
from datetime import date

import pytest

from coordo.disclosure import (
    SUPPRESSED,
    Distinct,
    Period,
    Sum,
    Table,
    over_the_year,
    protect,
    whole_periods,
)
from tests.attacker import RULE, bounds, uncovered


def _attack(tables: list[Table], links: list[Sum | Distinct] = ()):  # type: ignore[assignment]
    """The attacker's intervals of the primary cells, from what `protect` publishes."""
    protection = protect(tables, links=links)
    relations = [
        ("sum" if isinstance(r, Sum) else "distinct", r.whole, r.parts)
        for r in [*links, *(r for table in tables for r in table.relations)]
    ]
    published = {k: v for k, v in protection.values.items() if protection.is_published(k)}
    return protection, bounds(published, relations, protection.primary)


def test_every_count_under_5_is_suppressed_0_included_and_5_is_shown():
    cells = {f"c{n}": n for n in range(7)}
    protection = protect([Table("counts", cells)])
    assert protection.primary == {"c0", "c1", "c2", "c3", "c4"}
    assert protection.secondary == frozenset()
    assert [protection.shown(key) for key in cells] == [SUPPRESSED] * 5 + [5, 6]
    assert str(SUPPRESSED) == "x"


def test_two_small_cells_of_a_breakdown_hide_each_other():
    cells = {"street": 3, "family": 4, "social": 9, "private": 7, "exits": 23}
    table = Table("exits", cells, [Sum("exits", ("street", "family", "social", "private"))])
    protection, found = _attack([table])
    assert (protection.primary, protection.secondary) == ({"street", "family"}, frozenset())
    assert found == {"street": (0, 7), "family": (0, 7)}


def test_a_small_cell_alone_in_a_breakdown_takes_the_smallest_complement():
    cells = {"street": 4, "social": 9, "private": 7, "exits": 20}
    table = Table("exits", cells, [Sum("exits", ("street", "social", "private"))])
    protection, found = _attack([table])
    assert (protection.primary, protection.secondary) == ({"street"}, {"private"})
    assert found == {"street": (0, 11)}
    assert [protection.shown(key) for key in cells] == [SUPPRESSED, 9, SUPPRESSED, 20]


def test_a_small_month_of_a_published_quarter_takes_a_complement():
    months = {"jan": 40, "feb": 3, "mar": 50}
    table = Table("q1", months | {"q1": 93}, [Sum("q1", tuple(months))])
    protection, found = _attack([table])
    assert (protection.primary, protection.secondary) == ({"feb"}, {"jan"})
    assert found == {"feb": (0, 43)}


def test_people_counted_once_a_quarter_need_no_complement_when_each_month_is_small():
    months = {"jan": 4, "feb": 2, "mar": 1}
    table = Table("q1", months | {"q1": 6}, [Distinct("q1", tuple(months))])
    protection, found = _attack([table])
    assert (protection.primary, protection.secondary) == (set(months), frozenset())
    assert found == {"jan": (0, 6), "feb": (0, 6), "mar": (0, 6)}


def test_two_breakdowns_of_one_hidden_margin_are_protected_together():
    # Persons by sex and by age: the same people, their total shown nowhere.
    sex = {"women": 7, "men": 2}
    age = {"minors": 3, "adults": 6}
    tables = [
        Table("by sex", sex, [Sum("persons", tuple(sex))]),
        Table("by age", age, [Sum("persons", tuple(age))]),
    ]
    protection, found = _attack(tables)
    assert protection.primary == {"men", "minors"}
    assert protection.secondary == {"adults"}  # else minors = 7 + men - 6 ≥ 1
    assert uncovered(found) == {}


def test_a_cell_shown_twice_with_two_values_is_refused():
    with pytest.raises(ValueError, match="two values"):
        protect([Table("a", {"nights": 3}), Table("b", {"nights": 4})])


@pytest.mark.parametrize("seed", range(12))
def test_no_suppressed_count_of_linked_breakdowns_over_a_year_can_be_pinned(seed):
    """Three categories, their margin, over the 17 whole periods of a year: flows add up
    (months to quarters to the year), people are counted once per period."""
    rng = random.Random(seed)
    distinct = seed % 2 == 1
    categories = ("a", "b", "c")
    monthly = {
        (c, month.code): rng.choice([0, 1, 2, 3, 4, 6, 9, 15]) for c in categories
        for month in whole_periods(2025)[:12]
    }  # fmt: skip
    values = dict(monthly)
    for period in whole_periods(2025)[12:]:
        for c in categories:
            parts = [values[c, month.code] for month in period.months]
            values[c, period.code] = max(parts) + rng.randint(0, 2) if distinct else sum(parts)
    tables = [
        Table(p.code, {(c, p.code): values[c, p.code] for c in categories},
              [Sum(("total", p.code), tuple((c, p.code) for c in categories))])
        for p in whole_periods(2025)
    ]  # fmt: skip
    links = [
        relation
        for key in [*categories, "total"]
        for relation in over_the_year(lambda p, key=key: (key, p.code), 2025, distinct=distinct)
    ]
    protection, found = _attack(tables, links)
    assert protection.primary == {key for key, value in values.items() if value < RULE}
    assert uncovered(found) == {}


def test_whole_periods_and_their_codes():
    assert Period.parse("2025-Q4") == Period(date(2025, 10, 1), date(2026, 1, 1))
    assert Period.parse("2025-02") == Period(date(2025, 2, 1), date(2025, 3, 1))
    assert Period.parse("2025") == Period(date(2025, 1, 1), date(2026, 1, 1))
    assert [p.code for p in Period.parse("2025-Q4").months] == ["2025-10", "2025-11", "2025-12"]
    assert Period.whole(date(2025, 11, 1), date(2025, 12, 1)) == Period.parse("2025-11")
    assert Period.whole(date(2025, 11, 3), date(2025, 12, 1)) is None
    assert Period.whole(date(2025, 2, 1), date(2025, 5, 1)) is None  # three months, no quarter
    assert len(whole_periods(2025)) == 17
    for code in ("2025-13", "2025-Q5", "25", "2025-1", "2025-11-03"):
        with pytest.raises(ValueError, match=code):
            Period.parse(code)
    quarter, year = over_the_year(lambda p: p.code, 2025)[3:]
    assert quarter == Sum("2025-Q4", ("2025-10", "2025-11", "2025-12"))
    assert year == Sum("2025", ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"))
