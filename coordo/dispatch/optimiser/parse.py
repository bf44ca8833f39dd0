"""Reading a `coordo.dispatch/1` document into frozen dataclasses.

The checks and their messages follow `formats/dispatch_rules.py` (the reference)
path for path, so the web app, the command line and the validator all name a bad
field the same way. Unlike the reference, every error is kept: an import screen
should list them all at once.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .model import Centre, Household, Instance, Member, Needs, Unit, Weights

INSTANCE_FORMAT = "coordo.dispatch/1"
WEIGHT_KEYS = ("school_language", "family_link", "region")
UNIT_KINDS = ("private", "shared")
UNIT_FLAGS = ("women_only", "medical", "accessible", "minors")
NEED_KEYS = ("medical", "accessible", "women_only")
SEXES = ("F", "M", "X")
MAX_AGE = 130
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MISSING = object()


class InstanceError(ValueError):
    """A malformed instance; `errors` holds one 'path: reason' per bad field."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        more = "" if len(errors) <= 1 else f" (and {len(errors) - 1} more)"
        super().__init__(f"{errors[0]}{more}" if errors else "malformed instance")


class _Checker:
    """Collects 'path: reason' messages while walking the JSON document."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, reason: str) -> None:
        self.errors.append(f"{path}: {reason}")

    def obj(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return False
        return True

    def field(self, parent: dict, key: str, path: str) -> Any:
        if key not in parent:
            self.error(f"{path}.{key}" if path else key, "is required")
            return _MISSING
        return parent[key]

    def string(self, value: Any, path: str, *, choices: tuple[str, ...] = ()) -> bool:
        if value is _MISSING:
            return False
        if not isinstance(value, str) or not value.strip():
            self.error(path, "must be a non-empty string")
            return False
        if choices and value not in choices:
            self.error(path, f"must be one of {', '.join(choices)} (got {value!r})")
            return False
        return True

    def integer(
        self, value: Any, path: str, *, minimum: int = 0, maximum: int | None = None, of: str = ""
    ) -> bool:
        if value is _MISSING:
            return False
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(path, f"must be an integer >= {minimum}")
            return False
        if maximum is not None and value > maximum:
            self.error(path, f"must be at most {of + ' ' if of else ''}{maximum} (got {value})")
            return False
        return True

    def _typed(self, value: Any, path: str, kind: type, reason: str) -> bool:
        if value is _MISSING:
            return False
        if not isinstance(value, kind):
            self.error(path, reason)
            return False
        return True

    def boolean(self, value: Any, path: str) -> bool:
        return self._typed(value, path, bool, "must be true or false")

    def day(self, value: Any, path: str) -> date | None:
        if value is _MISSING:
            return None
        if isinstance(value, str) and _DATE_RE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(path, "must be a date written YYYY-MM-DD")
        return None

    def array(self, value: Any, path: str) -> bool:
        return self._typed(value, path, list, "must be a list")

    def unique_id(self, value: Any, path: str, seen: dict[str, str], what: str) -> None:
        if not self.string(value, path):
            return
        if value in seen:
            self.error(path, f"duplicate {what} id {value!r} (first at {seen[value]})")
        else:
            seen[value] = path


def check_instance(document: Any) -> list[str]:
    """Every 'path: reason' wrong with a `coordo.dispatch/1` document (empty if none)."""
    c = _Checker()
    if not c.obj(document, "instance"):
        return c.errors
    fmt = c.field(document, "format", "")
    if fmt is not _MISSING and fmt != INSTANCE_FORMAT:
        c.error("format", f"must be {INSTANCE_FORMAT!r} (got {fmt!r})")
    c.string(c.field(document, "name", ""), "name")
    today = c.day(c.field(document, "date", ""), "date")
    weights = c.field(document, "weights", "")
    if weights is not _MISSING and c.obj(weights, "weights"):
        for key in WEIGHT_KEYS:
            c.integer(c.field(weights, key, "weights"), f"weights.{key}")

    centre_ids: dict[str, str] = {}
    unit_ids: dict[str, str] = {}
    centres = c.field(document, "centres", "")
    if c.array(centres, "centres"):
        for i, centre in enumerate(centres):
            _check_centre(c, centre, f"centres[{i}]", centre_ids, unit_ids)
    household_ids: dict[str, str] = {}
    households = c.field(document, "households", "")
    if c.array(households, "households"):
        for i, household in enumerate(households):
            _check_household(c, household, f"households[{i}]", household_ids, centre_ids, today)
    return c.errors


def _check_centre(
    c: _Checker, centre: Any, path: str, centre_ids: dict[str, str], unit_ids: dict[str, str]
) -> None:
    if not c.obj(centre, path):
        return
    c.unique_id(c.field(centre, "id", path), f"{path}.id", centre_ids, "centre")
    c.string(c.field(centre, "region", path), f"{path}.region")
    c.string(c.field(centre, "language", path), f"{path}.language")
    c.integer(c.field(centre, "daily_intake", path), f"{path}.daily_intake")
    units = c.field(centre, "units", path)
    if not c.array(units, f"{path}.units"):
        return
    for j, unit in enumerate(units):
        upath = f"{path}.units[{j}]"
        if not c.obj(unit, upath):
            continue
        # Unit ids are unique across the whole network, not per centre.
        c.unique_id(c.field(unit, "id", upath), f"{upath}.id", unit_ids, "unit")
        c.string(c.field(unit, "kind", upath), f"{upath}.kind", choices=UNIT_KINDS)
        beds = c.field(unit, "beds", upath)
        beds_ok = c.integer(beds, f"{upath}.beds", minimum=1)
        free = c.field(unit, "free", upath)
        c.integer(free, f"{upath}.free", maximum=beds if beds_ok else None, of="beds")
        for flag in UNIT_FLAGS:
            c.boolean(c.field(unit, flag, upath), f"{upath}.{flag}")


def _check_household(
    c: _Checker,
    household: Any,
    path: str,
    household_ids: dict[str, str],
    centre_ids: dict[str, str],
    today: date | None,
) -> None:
    if not c.obj(household, path):
        return
    c.unique_id(c.field(household, "id", path), f"{path}.id", household_ids, "household")
    registered = c.day(c.field(household, "registered", path), f"{path}.registered")
    if registered and today and registered > today:
        c.error(f"{path}.registered", f"must not be after the batch date {today.isoformat()}")
    members = c.field(household, "members", path)
    if c.array(members, f"{path}.members"):
        if not members:
            c.error(f"{path}.members", "must list at least one person")
        for k, member in enumerate(members):
            mpath = f"{path}.members[{k}]"
            if not c.obj(member, mpath):
                continue
            c.integer(c.field(member, "age", mpath), f"{mpath}.age", maximum=MAX_AGE)
            c.string(c.field(member, "sex", mpath), f"{mpath}.sex", choices=SEXES)
            if member.get("school_language") is not None:
                c.string(member["school_language"], f"{mpath}.school_language")
    c.boolean(c.field(household, "vulnerable", path), f"{path}.vulnerable")
    flags = c.field(household, "flags", path)
    if c.array(flags, f"{path}.flags"):
        for k, flag in enumerate(flags):
            c.string(flag, f"{path}.flags[{k}]")
    needs = c.field(household, "needs", path)
    if needs is not _MISSING and c.obj(needs, f"{path}.needs"):
        for key in NEED_KEYS:
            c.boolean(c.field(needs, key, f"{path}.needs"), f"{path}.needs.{key}")
    c.boolean(c.field(household, "unaccompanied_minor", path), f"{path}.unaccompanied_minor")
    if household.get("region") is not None:
        c.string(household["region"], f"{path}.region")
    family_centre = household.get("family_centre")
    if (
        family_centre is not None
        and c.string(family_centre, f"{path}.family_centre")
        and family_centre not in centre_ids
    ):
        c.error(f"{path}.family_centre", f"unknown centre {family_centre!r}")
    excluded = c.field(household, "exclude_centres", path)
    if c.array(excluded, f"{path}.exclude_centres"):
        for k, centre_id in enumerate(excluded):
            if c.string(centre_id, f"{path}.exclude_centres[{k}]") and centre_id not in centre_ids:
                c.error(f"{path}.exclude_centres[{k}]", f"unknown centre {centre_id!r}")


def parse_instance(document: Any) -> Instance:
    """Check a `coordo.dispatch/1` document and build the `Instance`.

    Raises `InstanceError` listing every bad field by its JSON path."""
    errors = check_instance(document)
    if errors:
        raise InstanceError(errors)
    w = document["weights"]
    return Instance(
        name=document["name"],
        date=date.fromisoformat(document["date"]),
        weights=Weights(w["school_language"], w["family_link"], w["region"]),
        centres=tuple(_centre(c) for c in document["centres"]),
        households=tuple(_household(h) for h in document["households"]),
    )


def _centre(c: dict) -> Centre:
    units = tuple(
        Unit(
            id=u["id"],
            kind=u["kind"],
            beds=u["beds"],
            free=u["free"],
            women_only=u["women_only"],
            medical=u["medical"],
            accessible=u["accessible"],
            minors=u["minors"],
        )
        for u in c["units"]
    )
    return Centre(c["id"], c["region"], c["language"], c["daily_intake"], units)


def _household(h: dict) -> Household:
    needs = h["needs"]
    return Household(
        id=h["id"],
        registered=date.fromisoformat(h["registered"]),
        members=tuple(Member(m["age"], m["sex"], m.get("school_language")) for m in h["members"]),
        vulnerable=h["vulnerable"],
        flags=tuple(h["flags"]),
        needs=Needs(needs["medical"], needs["accessible"], needs["women_only"]),
        unaccompanied_minor=h["unaccompanied_minor"],
        region=h.get("region"),
        family_centre=h.get("family_centre"),
        exclude_centres=frozenset(h["exclude_centres"]),
    )
