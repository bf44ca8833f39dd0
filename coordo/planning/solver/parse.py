"""Reading a `coordo.roster/1` document into an `Instance`, naming every bad field.

Each bad field is reported as `path: reason` (`shifts[3].required: must be an
integer >= 1`); parsing goes on after an error so that one run lists them all.
The checks are those of the reference scorer (`formats/roster_rules.py`), plus the
format's rule that a rota's periods do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from .fields import (
    Bad,
    Errors,
    Fields,
    as_object,
    boolean,
    date_range,
    integer,
    moment,
    number,
    string,
    strings,
    window,
)
from .model import (
    WEIGHT_NAMES,
    Assignment,
    DateRange,
    FixedPair,
    Instance,
    Member,
    Period,
    Person,
    Previous,
    Rota,
    Rules,
    Shift,
    Site,
    Weights,
)

INSTANCE_FORMAT = "coordo.roster/1"
MAX_ERRORS = 100


class InstanceError(ValueError):
    """A malformed instance: `errors` holds one `path: reason` line per bad field."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def parse_instance(data: Any) -> Instance:
    """Checks a `coordo.roster/1` document and builds the `Instance`.

    Raises `InstanceError` listing every bad field by its JSON path.
    """
    try:
        top = as_object(data, "")
        if top.get("format") != INSTANCE_FORMAT:
            raise Bad("format", f"must be {INSTANCE_FORMAT!r}, got {top.get('format')!r}")
    except Bad as bad:
        raise InstanceError(bad.lines) from None
    errors = _Sections(top)
    instance = errors.read()
    if errors.lines:
        extra = len(errors.lines) - MAX_ERRORS
        more = [f"… and {extra} more"] if extra > 0 else []
        raise InstanceError(errors.lines[:MAX_ERRORS] + more)
    assert instance is not None
    return instance


class _Sections(Errors):
    """Reads the sections in order, each one knowing the ids of those before it."""

    def __init__(self, top: dict[str, Any]) -> None:
        super().__init__()
        self.top = Fields(top, "")
        self.period = DateRange(date.min, date.max)  # until the real one is read
        self.sites: dict[str, Site] = {}
        self.shifts: list[Shift] = []
        self.site_ids: set[str] = set()
        self.shift_ids: set[str] = set()
        self.person_ids: set[str] = set()
        self.period_paths: dict[str, str] = {}

    def read(self) -> Instance | None:
        top = self.top
        name = top("name", string)
        period = top("period", date_range, ("start", "end"))
        self.period = period or self.period
        rules = top("rules", _rules)
        self.sites = {s.id: s for s in self._list("sites", self.site)}
        self.site_ids = self._ids("sites")
        self.shifts = self._list("shifts", self.shift)
        self.shift_ids = self._ids("shifts")
        people = self._list("people", self.person)
        self.person_ids = self._ids("people")
        rotas = self._list("oncall", self.rota, optional=True)
        fixed = top("fixed", lambda v, p: self.items(v, p, self.fixed), optional=True) or ()
        previous = top("previous", self.previous, optional=True)
        self.lines = top.lines + self.lines
        if self.lines:
            return None
        return Instance(
            name=name,
            period=period,
            rules=rules,
            sites=tuple(self.sites.values()),
            shifts=tuple(self.shifts),
            people=tuple(people),
            rotas=tuple(rotas),
            fixed=tuple(dict.fromkeys(fixed)),
            previous=previous,
        )

    def _ids(self, key: str) -> set[str]:
        """The ids written in a section, bad items included: a reference to an item with
        a bad field is not reported again as unknown."""
        items = self.top.obj.get(key)
        return (
            {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}
            if isinstance(items, list)
            else set()
        )

    def _list(self, key: str, parse: Any, optional: bool = False) -> list[Any]:
        found = self.top(
            key, lambda v, p: self.unique(self.each(v, p, parse), p), optional=optional
        )
        return found or []

    def site(self, value: Any, path: str) -> Site:
        read = Fields(value, path)
        site = Site(read("id", string), read("women_only", boolean))
        read.done()
        return site

    def known(self, value: Any, path: str, ids: Iterable[str], kind: str) -> str:
        key = string(value, path)
        if key not in ids:
            raise Bad(path, f"unknown {kind} {key!r}")
        return key

    def shift(self, value: Any, path: str) -> Shift:
        read = Fields(value, path)
        sid = read("id", string)
        site = read("site", self.known, self.site_ids, "site")
        start, end = read("start", moment), read("end", moment)
        required = read("required", integer, 1)
        languages = read("languages_any", strings, optional=True)
        if languages is not None and not languages:
            read.add(f"{path}.languages_any", "must not be empty (leave it out instead)")
        if start is not None and end is not None:
            if end <= start:
                read.add(f"{path}.end", "must be after start")
            elif end > datetime.combine(start.date() + timedelta(days=1), datetime.min.time()):
                read.add(f"{path}.end", "must be at most 00:00 of the day after its start")
            if start.date() not in self.period:
                first, last = self.period.first, self.period.last
                read.add(f"{path}.start", f"outside period {first}..{last}")
        read.done()
        return Shift(
            sid, site, start, end, required, None if languages is None else frozenset(languages)
        )

    def person(self, value: Any, path: str) -> Person:
        read = Fields(value, path)
        sites = read(
            "sites",
            lambda v, p: [
                self.known(s, f"{p}[{i}]", self.site_ids, "site")
                for i, s in enumerate(strings(v, p))
            ],
        )
        person = Person(
            id=read("id", string),
            female=read("female", boolean),
            sites=frozenset(sites or ()),
            max_shifts_per_month=read("max_shifts_per_month", integer, 0),
            languages=frozenset(read("languages", strings) or ()),
            available=read.list("available", window),
            preferred=read.list("preferred", window),
            undesired=read.list("undesired", window),
            absent=read.list("absent", date_range),
        )
        read.done()
        return person

    def rota(self, value: Any, path: str) -> Rota:
        read = Fields(value, path)
        rid = read("id", string)
        members = read("members", lambda v, p: read.unique(read.each(v, p, _member), p)) or []
        periods = read("periods", lambda v, p: read.each(v, p, self.oncall_period)) or []
        ordered = sorted(periods, key=lambda item: item[1].start)
        for (i, a), (j, b) in zip(ordered, ordered[1:], strict=False):
            if b.start < a.end:
                read.add(f"{path}.periods[{j}].start", f"overlaps {path}.periods[{i}]")
        read.done()
        return Rota(rid, tuple(members), tuple(g for _, g in ordered))

    def oncall_period(self, value: Any, path: str) -> Period:
        read = Fields(value, path)
        gid = read("id", string)
        start, end = read("start", moment), read("end", moment)
        weekend = read("weekend", boolean)
        if start is not None and end is not None and end <= start:
            read.add(f"{path}.end", "must be after start")
        if gid in self.period_paths:
            # A solution names only the period, so ids are unique across rotas.
            read.add(f"{path}.id", f"{gid!r} repeats {self.period_paths[gid]}")
        read.done()
        self.period_paths[gid] = f"{path}.id"
        return Period(gid, start, end, weekend)

    def fixed(self, value: Any, path: str) -> FixedPair:
        read = Fields(value, path)
        pair = FixedPair(
            read("shift", self.known, self.shift_ids, "shift"),
            read("person", self.known, self.person_ids, "person"),
        )
        read.done()
        return pair

    def previous(self, value: Any, path: str) -> Previous:
        read = Fields(value, path)
        start = read("from", moment)
        shift_ids = self.shift_ids
        where: dict[str, str] = {}

        def entry(v: Any, p: str) -> Assignment:
            item = Fields(v, p)
            sid = item("shift", self.known, shift_ids, "shift")
            names = item(
                "people",
                lambda v, q: [
                    self.known(x, f"{q}[{k}]", self.person_ids, "person")
                    for k, x in enumerate(strings(v, q))
                ],
            )
            if sid in where:
                item.add(f"{p}.shift", f"{sid!r} repeats {where[sid]}")
            elif sid is not None:
                where[sid] = f"{p}.shift"
            if names is not None and len(set(names)) != len(names):
                item.add(f"{p}.people", "lists a person twice")
            item.done()
            return Assignment(sid, tuple(names))

        entries = read("assignments", lambda v, p: read.items(v, p, entry))
        if start is not None and entries is not None:
            missing = [s.id for s in self.shifts if s.start < start and s.id not in where]
            if missing:
                read.add(
                    f"{path}.assignments",
                    f"must list every shift starting before previous.from; missing {len(missing)}, "
                    f"e.g. {', '.join(missing[:3])}",
                )
        read.done()
        return Previous(start, entries)


def _rules(value: Any, path: str) -> Rules:
    read = Fields(value, path)
    rules = Rules(
        max_hours_per_day=read("max_hours_per_day", number, True),
        min_overnight_rest_hours=read("min_overnight_rest_hours", number, False),
        split_gap_hours=read("split_gap_hours", number, True),
        weights=read("weights", _weights),
    )
    read.done()
    return rules


def _weights(value: Any, path: str) -> Weights:
    read = Fields(value, path)
    found = {key: read(key, integer, 0) for key in WEIGHT_NAMES}
    for key in read.obj:
        if key not in WEIGHT_NAMES:
            read.add(f"{path}.{key}", f"unknown weight (known: {', '.join(WEIGHT_NAMES)})")
    read.done()
    return Weights(**found)


def _member(value: Any, path: str) -> Member:
    read = Fields(value, path)
    member = Member(read("id", string), read.list("absent", date_range))
    read.done()
    return member
