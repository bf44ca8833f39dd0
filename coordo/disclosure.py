"""Disclosure control: the one gate every count shown to funders and researchers goes through.

Housing figures go through it now; reports (#15), incidents (#13) and the observatory
will. Pure Python and OR-Tools' GLOP, no Django: counts in, counts or one mark out.

How to use it
-------------
Describe everything a reader can get as `Table`s: one table per page or export (the
housing figures of 2026-Q4, say), its `cells` the counts it shows under keys of your
choosing (any hashable value: ``("exits", "street", "2026-Q4")``), its `relations` what
a reader knows ties them together:

- `Sum(whole, parts)`: whole = Σ parts. A breakdown and its margin (exits by
  destination add up to the exits), a flow over time (the months' arrivals add up to
  the quarter's).
- `Distinct(whole, parts)`: max(parts) ≤ whole ≤ Σ parts. People counted once over a
  period and once in each part they appear in (persons hosted in a quarter and in
  each of its months).

A key that a relation names and no table shows is a hidden margin (the persons hosted,
when only their breakdowns by age and by sex are shown): an unknown to the reader, still
tied to the rest. Pass every table a reader can combine, with the `links` between them:
for a page restricted to whole periods, the tables of every `whole_periods(year)` and
the `over_the_year` relations of each measure. Then draw each table through the result:

    protection = protect(tables, links=links)
    protection.shown(key)         # the count, or SUPPRESSED
    protection.is_published(key)

Rates, averages and lengths are not counts: a caller withholds (shows SUPPRESSED for)
any of them that rests on a suppressed count. Every suppressed cell shows the same
mark, `SUPPRESSED` ("x"), so a reader cannot tell a small count from a complementary
suppression, nor a 0 from a 4.

What it guarantees
------------------
Primary suppression: every count under THRESHOLD (5), 0 included: a "0" would say
nobody, a mark only on non-zero small counts would say somebody.

Secondary suppression: more published counts are suppressed until, for every primary
cell, the interval a reader derives by linear programming from every published cell of
every table and every relation reaches both ends of the suppressed range and beyond:

    LP min ≤ 0   and   LP max ≥ THRESHOLD.

The suppressed range is 0..THRESHOLD-1; an interval from 0 (or below) to THRESHOLD (or
above) tells neither that the cell is not empty nor that it is small. Complementary
cells need no interval of their own: they are not small, and they wear the same mark.

How: after primary suppression each primary cell is audited (is LP max ≥ THRESHOLD
feasible? is LP min ≤ 0?). When a bound fails, a second LP lets published cells move,
at a cost of (1 + value) per unit so small cells go first, until the cell reaches the
missing end; the published cells that had to move are suppressed, which makes that end
reachable. Suppressing more only widens every interval, so a cell once protected stays
protected and one pass over the primary cells suffices. Relations split the cells into
independent components (nights, exits, persons...), each its own small LP.

The bounds are those of the LP relaxation, the audit statistical agencies run (τ-ARGUS);
a reader solving in integers could in principle narrow an interval the LP leaves wide.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.linear_solver import pywraplp

THRESHOLD = 5
Key = Hashable
EPSILON = 1e-6


@dataclass(frozen=True)
class Suppressed:
    """The one mark of a figure a funder or researcher does not get, whatever its reason."""

    mark: str = "x"

    def __str__(self) -> str:
        return self.mark


SUPPRESSED = Suppressed()


@dataclass(frozen=True)
class Sum:
    """whole = Σ parts."""

    whole: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Distinct:
    """max(parts) ≤ whole ≤ Σ parts: the same people may be in several parts."""

    whole: Key
    parts: tuple[Key, ...]


Relation = Sum | Distinct


@dataclass(frozen=True)
class Table:
    """What one page or export shows: counts by key, and the relations between them."""

    name: str
    cells: Mapping[Key, int]
    relations: Sequence[Relation] = ()


@dataclass(frozen=True)
class Protection:
    values: Mapping[Key, int]
    primary: frozenset[Key]
    secondary: frozenset[Key]

    @property
    def suppressed(self) -> frozenset[Key]:
        return self.primary | self.secondary

    def is_published(self, key: Key) -> bool:
        return key in self.values and key not in self.primary and key not in self.secondary

    def shown(self, key: Key) -> int | Suppressed:
        return self.values[key] if self.is_published(key) else SUPPRESSED


def protect(
    tables: Iterable[Table], *, links: Iterable[Relation] = (), threshold: int = THRESHOLD
) -> Protection:
    """Primary and secondary suppression, jointly over `tables` (see the module's docstring)."""
    values: dict[Key, int] = {}
    relations: dict[Relation, None] = dict.fromkeys(links)
    for table in tables:
        for key, value in table.cells.items():
            if value < 0:
                raise ValueError(f"{table.name}: {key!r} is negative")
            if values.setdefault(key, value) != value:
                raise ValueError(f"{table.name}: {key!r} has two values")
        relations.update(dict.fromkeys(table.relations))
    primary = [key for key, value in values.items() if value < threshold]
    suppressed = set(primary)
    for component in _components(list(relations)):
        audit = _Audit(component, values, suppressed, threshold)
        audit.protect([key for key in primary if key in audit.x])
        suppressed |= audit.suppressed
    return Protection(values, frozenset(primary), frozenset(suppressed.difference(primary)))


def _components(relations: list[Relation]) -> list[list[Relation]]:
    """Relations grouped by the cells they share: each group is an independent LP."""
    parent: dict[Key, Key] = {}

    def root(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for relation in relations:
        for part in relation.parts:
            parent[root(part)] = root(relation.whole)
    groups: dict[Key, list[Relation]] = {}
    for relation in relations:
        groups.setdefault(root(relation.whole), []).append(relation)
    return list(groups.values())


@dataclass
class _Audit:
    """The reader's LP over one component: each shown cell is its value plus up − down,
    where up and down are held at 0 for a published cell and free for a suppressed one."""

    relations: list[Relation]
    values: Mapping[Key, int]
    suppressed: set[Key]
    threshold: int
    solver: pywraplp.Solver = field(init=False)
    x: dict[Key, pywraplp.Variable] = field(init=False)
    moves: dict[Key, tuple[pywraplp.Variable, pywraplp.Variable]] = field(init=False)
    capped: dict[Key, pywraplp.Variable] = field(init=False)

    def __post_init__(self) -> None:
        solver = pywraplp.Solver.CreateSolver("GLOP")
        infinity = solver.infinity()
        keys = dict.fromkeys(k for r in self.relations for k in (r.whole, *r.parts))
        self.solver = solver
        self.x = {key: solver.NumVar(0, infinity, "") for key in keys}
        for relation in self.relations:
            whole, parts = self.x[relation.whole], [self.x[part] for part in relation.parts]
            if isinstance(relation, Sum):
                self._row(0, 0, [(whole, 1), *((part, -1) for part in parts)])
            else:
                self._row(-infinity, 0, [(whole, 1), *((part, -1) for part in parts)])
                for part in parts:
                    self._row(0, infinity, [(whole, 1), (part, -1)])
        self.moves = {}
        for key in keys:
            if key in self.values:
                free = infinity if key in self.suppressed else 0
                up, down = solver.NumVar(0, free, ""), solver.NumVar(0, free, "")
                self._row(
                    self.values[key], self.values[key], [(self.x[key], 1), (up, -1), (down, 1)]
                )
                self.moves[key] = (up, down)
        self.suppressed = {key for key in self.suppressed if key in self.moves}
        # min(x, threshold) of each suppressed cell, to prove many cells in one LP.
        self.capped = {}
        for key in self.suppressed:
            self.capped[key] = solver.NumVar(0, self.threshold, "")
            self._row(0, infinity, [(self.x[key], 1), (self.capped[key], -1)])

    def _row(self, low: float, high: float, terms: list[tuple[pywraplp.Variable, int]]) -> None:
        row = self.solver.RowConstraint(low, high, "")
        coefficients: dict[pywraplp.Variable, int] = {}
        for variable, coefficient in terms:  # a key twice in one relation counts twice
            coefficients[variable] = coefficients.get(variable, 0) + coefficient
        for variable, coefficient in coefficients.items():
            row.SetCoefficient(variable, coefficient)

    def protect(self, cells: list[Key]) -> None:
        for end in (self.threshold, 0):
            pending = [key for key in cells if self.values[key] != end]  # the truth is feasible
            while pending := self._unproven(pending, end):
                key = pending.pop(0)
                for _attempt in range(3):
                    if self._reaches(key, end):
                        break
                    self._suppress(self._unlock(key, end))
                else:  # numerically stuck: suppress the whole component, which always holds
                    self._suppress(set(self.moves))

    def _unproven(self, cells: list[Key], end: int) -> list[Key]:
        """`cells` less those one LP shows reaching `end` together (then each one can)."""
        objective = self.solver.Objective()
        objective.Clear()
        for key in cells:
            if end:
                objective.SetCoefficient(self.capped[key], 1)
            else:
                objective.SetCoefficient(self.x[key], 1)
        objective.SetOptimizationDirection(bool(end))
        if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            unproven = cells
        elif end:
            unproven = [k for k in cells if self.capped[k].solution_value() < end - EPSILON]
        else:
            unproven = [k for k in cells if self.x[k].solution_value() > EPSILON]
        objective.Clear()
        return unproven

    def _pin(self, key: Key, end: int | None) -> None:
        variable = self.x[key]
        if end is None:
            variable.SetBounds(0, self.solver.infinity())
        elif end > 0:
            variable.SetLb(end)
        else:
            variable.SetUb(0)

    def _reaches(self, key: Key, end: int) -> bool:
        self._pin(key, end)
        feasible = self.solver.Solve() == pywraplp.Solver.OPTIMAL
        self._pin(key, None)
        return feasible

    def _unlock(self, key: Key, end: int) -> set[Key]:
        """The published cells that must move for `key` to reach `end`, at least cost."""
        infinity = self.solver.infinity()
        objective = self.solver.Objective()
        objective.Clear()
        published = [k for k in self.moves if k not in self.suppressed]
        for cell in published:
            for move in self.moves[cell]:
                move.SetUb(infinity)
                objective.SetCoefficient(move, 1 + self.values[cell])
        objective.SetMinimization()
        self._pin(key, end)
        solved = self.solver.Solve() == pywraplp.Solver.OPTIMAL
        moved = {
            cell
            for cell in published
            if solved and sum(move.solution_value() for move in self.moves[cell]) > EPSILON
        }
        self._pin(key, None)
        for cell in published:
            for move in self.moves[cell]:
                move.SetUb(0)
        objective.Clear()
        return moved

    def _suppress(self, cells: set[Key]) -> None:
        for cell in cells - self.suppressed:
            for move in self.moves[cell]:
                move.SetUb(self.solver.infinity())
        self.suppressed |= cells


@dataclass(frozen=True, order=True)
class Period:
    """A whole calendar month, quarter or year: [start, end)."""

    start: date
    end: date

    @property
    def code(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        if months == 12:
            return f"{self.start.year}"
        if months == 3:
            return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        return f"{self.start:%Y-%m}"

    @property
    def months(self) -> list[Period]:
        first, months = self.start, []
        while first < self.end:
            months.append(month(first.year, first.month))
            first = months[-1].end
        return months

    @classmethod
    def parse(cls, code: str) -> Period:
        """ "2026", "2026-Q4" or "2026-11"; ValueError for anything else."""
        found = re.fullmatch(r"(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?", code.strip())
        if not found:
            raise ValueError(code)
        year, quarter, number = found.groups()
        if quarter:
            first = month(int(year), 3 * int(quarter) - 2)
            return cls(first.start, month(int(year), 3 * int(quarter)).end)
        if number:
            return month(int(year), int(number))
        return cls(date(int(year), 1, 1), date(int(year) + 1, 1, 1))

    @classmethod
    def whole(cls, start: date, end: date) -> Period | None:
        """[start, end) as a whole month, quarter or year, or None if it is none of them."""
        for period in whole_periods(start.year):
            if (period.start, period.end) == (start, end):
                return period
        return None


def month(year: int, number: int) -> Period:
    days = calendar.monthrange(year, number)[1]
    start = date(year, number, 1)
    return Period(start, date.fromordinal(start.toordinal() + days))


def whole_periods(year: int) -> list[Period]:
    """The twelve months, the four quarters and the year: all a reader can ask of a year."""
    return [
        *(month(year, number) for number in range(1, 13)),
        *(Period.parse(f"{year}-Q{quarter}") for quarter in range(1, 5)),
        Period.parse(f"{year}"),
    ]


def over_the_year(
    key: Callable[[Period], Key], year: int, *, distinct: bool = False
) -> list[Relation]:
    """Months to their quarter, quarters to their year, for the measure `key(period)` names:
    a `Sum` for a flow (arrivals, nights), a `Distinct` for people counted once per period."""
    kind = Distinct if distinct else Sum
    quarters = [Period.parse(f"{year}-Q{quarter}") for quarter in range(1, 5)]
    relations: list[Relation] = [
        kind(key(quarter), tuple(key(part) for part in quarter.months)) for quarter in quarters
    ]
    relations.append(kind(key(Period.parse(f"{year}")), tuple(key(q) for q in quarters)))
    return relations
