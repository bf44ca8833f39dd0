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

Tables that come out over time (January's figures in February, the year's the next
January) add up in the reader's hands, who keeps every download. Hand `protect_releases`
the tables out at each date, in order: a cell published once stays published, one
suppressed stays suppressed, and each release takes its complements among its new cells.

    stages = [[table[period] for period in out] for out in releases(year, today)]
    protection = protect_releases(stages, links=links)

A release is decided from `links` and the releases up to it only, in the order they name
cells and relations (never a set's order): computed on its day or a year later, in any
process, it comes out the same, so nothing has to be stored. Put in `links` what a
reader knows from the start, the margins of the tables still to come included. The
releases are recomputed from the counts as they are now: a count corrected after it
came out (a stay recorded late) is protected in each release, but an old download and a
new one differ by the correction. A count that contradicts the relations is refused.

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
protected and one pass over the primary cells suffices. Over releases, the cells out
before never move: complements come from the new cells (suppressing them all would tell
nothing beyond the release before, which protected its cells with these as unknowns).
Relations split the cells into independent groups (nights, exits, persons...), each its
own small LP, built up as releases come and merged when a relation ties two groups.

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
    return protect_releases([tables], links=links, threshold=threshold)


def protect_releases(
    releases: Sequence[Iterable[Table]],
    *,
    links: Iterable[Relation] = (),
    threshold: int = THRESHOLD,
) -> Protection:
    """`releases`: the tables out at each date, in order, each release holding every table
    of the one before. Protected as a reader who kept every release holds them: a cell
    published once stays published, a suppressed one stays suppressed, and the complements
    of each release come from its new cells. Returns the protection of the last release.

    Each release is decided from `links`, the releases up to it and nothing after, so the
    releases up to a date come out the same whether computed then or later."""
    kept = _Releases(threshold)
    known = list(links)
    for release in releases:
        cells: dict[Key, int] = {}
        for table in release:
            for key, value in table.cells.items():
                if value < 0:
                    raise ValueError(f"{table.name}: {key!r} is negative")
                if cells.setdefault(key, kept.values.get(key, value)) != value:
                    raise ValueError(f"{table.name}: {key!r} has two values")
            known += table.relations
        kept.release(cells, known)
        known = []
    primary = frozenset(key for key, value in kept.values.items() if value < threshold)
    return Protection(dict(kept.values), primary, frozenset(kept.suppressed - primary))


@dataclass
class _Releases:
    """What the reader holds after each release, and one LP per group of cells that the
    relations tie together (nights, exits, persons...), merged when a relation ties two.

    Everything comes in the order the releases name it, never in a set's order, so a
    release is decided alike in every process and whatever comes after it."""

    threshold: int
    values: dict[Key, int] = field(default_factory=dict)  # of the cells out so far
    suppressed: set[Key] = field(default_factory=set)  # out as SUPPRESSED
    groups: list[_Reader] = field(default_factory=list)
    group: dict[Key, _Reader] = field(default_factory=dict)
    order: dict[Relation, int] = field(default_factory=dict)  # every relation, as learnt
    parent: dict[Key, Key] = field(default_factory=dict)

    def release(self, cells: Mapping[Key, int], relations: list[Relation]) -> None:
        if not self.values.keys() <= cells.keys():
            raise ValueError("a release drops cells of the one before")
        new = [key for key in cells if key not in self.values]
        for key in new:
            self.values[key] = cells[key]
            if cells[key] < self.threshold:
                self.suppressed.add(key)
        touched = self._learn([r for r in dict.fromkeys(relations) if r not in self.order])
        for reader in self.groups:
            reader.new = [key for key in new if key in reader.x]
            for key in reader.new:
                reader.put_out(key)
            if reader.new or reader in touched:
                reader.protect([key for key in reader.x if key in reader.capped])

    def _learn(self, relations: list[Relation]) -> list[_Reader]:
        """Add `relations` to the groups they tie together; the groups that changed."""
        for relation in relations:
            self.order[relation] = len(self.order)
            for part in relation.parts:
                self.parent[self._root(part)] = self._root(relation.whole)
        by_root: dict[Key, list[Relation]] = {}
        for relation in relations:
            by_root.setdefault(self._root(relation.whole), []).append(relation)
        touched = []
        for group in by_root.values():
            keys = [key for r in group for key in (r.whole, *r.parts)]
            old = list(dict.fromkeys(self.group[key] for key in keys if key in self.group))
            if len(old) == 1:
                reader = old[0]
            else:  # a new group, or two or more tied by these relations: one LP anew
                reader = _Reader(self.threshold, self.values, self.suppressed)
                reader.learn(
                    sorted((r for g in old for r in g.relations), key=lambda r: self.order[r])
                )
                self.groups = [g for g in self.groups if g not in old] + [reader]
            reader.learn(group)
            self.group |= dict.fromkeys(reader.x, reader)
            touched.append(reader)
        return touched

    def _root(self, key: Key) -> Key:
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key


@dataclass(eq=False)
class _Reader:
    """The reader's LP over one group of cells: each cell is its value plus up − down,
    where up and down are held at 0 for a published cell and free for a suppressed one or
    for one not out yet (an unknown, like a hidden margin)."""

    threshold: int
    values: Mapping[Key, int]  # of the cells out so far, shared by every group
    suppressed: set[Key]  # shared by every group
    new: list[Key] = field(default_factory=list)  # first out in this release
    relations: list[Relation] = field(default_factory=list)
    solver: pywraplp.Solver = field(init=False)
    x: dict[Key, pywraplp.Variable] = field(default_factory=dict)
    moves: dict[Key, tuple[pywraplp.Variable, pywraplp.Variable]] = field(default_factory=dict)
    known: dict[Key, pywraplp.Constraint] = field(default_factory=dict)  # x − up + down = value
    capped: dict[Key, pywraplp.Variable] = field(default_factory=dict)  # min(x, threshold)
    out: set[Key] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.solver = pywraplp.Solver.CreateSolver("GLOP")

    def learn(self, relations: list[Relation]) -> None:
        infinity = self.solver.infinity()
        for relation in relations:
            self.relations.append(relation)
            whole, *parts = [self._cell(key) for key in (relation.whole, *relation.parts)]
            if isinstance(relation, Sum):
                self._row(0, 0, [(whole, 1), *((part, -1) for part in parts)])
            else:
                self._row(-infinity, 0, [(whole, 1), *((part, -1) for part in parts)])
                for part in parts:
                    self._row(0, infinity, [(whole, 1), (part, -1)])

    def _cell(self, key: Key) -> pywraplp.Variable:
        if key not in self.x:
            infinity = self.solver.infinity()
            self.x[key] = self.solver.NumVar(0, infinity, "")
            self.moves[key] = up, down = (
                self.solver.NumVar(0, infinity, ""),
                self.solver.NumVar(0, infinity, ""),
            )
            self.known[key] = self._row(0, 0, [(self.x[key], 1), (up, -1), (down, 1)])
            if key in self.values:  # out before, tied to these cells only now
                self.put_out(key)
        return self.x[key]

    def put_out(self, key: Key) -> None:
        """Fix a cell out at its value: held there if published, free if suppressed."""
        if key in self.out:
            return
        self.out.add(key)
        value = self.values[key]
        self.known[key].SetBounds(value, value)
        if value < self.threshold:  # proves many small cells reach the threshold in one LP
            self.capped[key] = self.solver.NumVar(0, self.threshold, "")
            self._row(0, self.solver.infinity(), [(self.x[key], 1), (self.capped[key], -1)])
        elif key not in self.suppressed:
            self._hold(key, 0)

    def _hold(self, cell: Key, bound: float) -> None:
        for move in self.moves[cell]:
            move.SetUb(bound)

    def _row(
        self, low: float, high: float, terms: list[tuple[pywraplp.Variable, int]]
    ) -> pywraplp.Constraint:
        row = self.solver.RowConstraint(low, high, "")
        coefficients: dict[pywraplp.Variable, int] = {}
        for variable, coefficient in terms:  # a key twice in one relation counts twice
            coefficients[variable] = coefficients.get(variable, 0) + coefficient
        for variable, coefficient in coefficients.items():
            row.SetCoefficient(variable, coefficient)
        return row

    def protect(self, cells: list[Key]) -> None:
        for end in (self.threshold, 0):
            pending = [key for key in cells if self.values[key] != end]  # the truth is feasible
            while pending := self._unproven(pending, end):
                key = pending.pop(0)
                for _attempt in range(3):
                    if self._reaches(key, end):
                        break
                    self._suppress(self._unlock(key, end))
                else:  # numerically stuck: suppress every cell this release may suppress
                    self._suppress({cell for cell in self.new if cell in self.x})

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
        status = self.solver.Solve()
        if status == pywraplp.Solver.INFEASIBLE:  # the truth is a solution, unless mistold
            raise ValueError("the counts contradict their relations")
        if status != pywraplp.Solver.OPTIMAL:
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
        """The cells new in this release that must move for `key` to reach `end`, at least
        cost (published ones of earlier releases are out for good)."""
        objective = self.solver.Objective()
        objective.Clear()
        published = [cell for cell in self.new if cell in self.x and cell not in self.suppressed]
        for cell in published:
            self._hold(cell, self.solver.infinity())
            for move in self.moves[cell]:
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
            self._hold(cell, 0)
        objective.Clear()
        return moved

    def _suppress(self, cells: set[Key]) -> None:
        for cell in cells - self.suppressed:
            self._hold(cell, self.solver.infinity())
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


def releases(year: int, today: date) -> list[list[Period]]:
    """The whole periods of `year` out at each month's end up to `today`, in order: what
    a reader who downloads every period as soon as it ends has kept (`protect_releases`)."""
    periods = whole_periods(year)
    return [
        [p for p in periods if p.end <= month.end] for month in periods[:12] if month.end <= today
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
