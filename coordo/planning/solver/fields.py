"""Checked reading of JSON values, each error named by its path.

`Errors` collects `path: reason` lines; `Fields` reads the fields of one object so
that every bad field is reported, not only the first, and then skips the object.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from .model import DAY_MINUTES, DateRange, Window

T = TypeVar("T")
Read = Callable[..., Any]


class Bad(Exception):
    """Bad values: the parse of the enclosing item stops here."""

    def __init__(self, path: str = "", reason: str = "", *, lines: list[str] | None = None) -> None:
        self.lines = lines if lines is not None else [f"{path or '(top level)'}: {reason}"]
        super().__init__("\n".join(self.lines))


class Errors:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: str, reason: str) -> None:
        self.lines += Bad(path, reason).lines

    def guard(self, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except Bad as bad:
            self.lines += bad.lines
        return None

    def each(self, value: Any, path: str, parse: Callable[[Any, str], T]) -> list[tuple[int, T]]:
        """The good items of a list with their positions; bad ones are recorded."""
        out = []
        for i, item in enumerate(as_list(value, path)):
            try:
                out.append((i, parse(item, f"{path}[{i}]")))
            except Bad as bad:
                self.lines += bad.lines
        return out

    def items(self, value: Any, path: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
        return tuple(item for _, item in self.each(value, path, parse))

    def unique(self, items: list[tuple[int, T]], path: str) -> list[T]:
        """Drops (and records) items whose `id` repeats an earlier one."""
        seen: dict[str, int] = {}
        out = []
        for i, item in items:
            key: str = item.id  # type: ignore[attr-defined]
            if key in seen:
                self.add(f"{path}[{i}].id", f"{key!r} repeats {path}[{seen[key]}].id")
            else:
                seen[key] = i
                out.append(item)
        return out


class Fields(Errors):
    """The fields of one JSON object: each read records its own error and goes on;
    `done` then raises every bad field at once."""

    def __init__(self, value: Any, path: str) -> None:
        super().__init__()
        self.path = path
        self.obj = as_object(value, path)

    def __call__(self, key: str, read: Read, *args: Any, optional: bool = False) -> Any:
        path = f"{self.path}.{key}" if self.path else key
        if key not in self.obj:
            if not optional:
                self.add(path, "missing")
            return None
        return self.guard(lambda: read(self.obj[key], path, *args))

    def list(self, key: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
        return self(key, lambda value, path: self.items(value, path, parse)) or ()

    def done(self) -> None:
        if self.lines:
            raise Bad(lines=self.lines)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_CLOCK = re.compile(r"(\d{2}):(\d{2})")


def as_object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Bad(path, "must be an object")
    return value


def as_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise Bad(path, "must be a list")
    return value


def string(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise Bad(path, "must be a non-empty string")
    return value


def strings(value: Any, path: str) -> list[str]:
    return [string(v, f"{path}[{i}]") for i, v in enumerate(as_list(value, path))]


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise Bad(path, "must be true or false")
    return value


def integer(value: Any, path: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Bad(path, f"must be an integer >= {minimum}")
    return value


def number(value: Any, path: str, positive: bool) -> float:
    ok = not isinstance(value, bool) and isinstance(value, int | float)
    if not ok or value < 0 or (positive and value == 0):
        raise Bad(path, "must be a number > 0" if positive else "must be a number >= 0")
    return value


def day(value: Any, path: str) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Bad(path, f"must be a date YYYY-MM-DD, got {value!r}")


def moment(value: Any, path: str) -> datetime:
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        try:
            return datetime.strptime(value, "%Y-%m-%dT%H:%M")  # noqa: DTZ007 (local wall-clock)
        except ValueError:
            pass
    raise Bad(path, f"must be a local time YYYY-MM-DDTHH:MM, got {value!r}")


def clock(value: Any, path: str, allow_24: bool) -> int:
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is not None:
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60:
            return hours * 60 + minutes
        if allow_24 and hours * 60 + minutes == DAY_MINUTES:
            return DAY_MINUTES
    latest = "24:00" if allow_24 else "23:59"
    raise Bad(path, f"must be a time HH:MM from 00:00 to {latest}, got {value!r}")


def weekday(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise Bad(path, "must be an integer from 0 (Monday) to 6")
    return value


def window(value: Any, path: str) -> Window:
    read = Fields(value, path)
    on, start, end = read("weekday", weekday), read("from", clock, False), read("to", clock, True)
    read.done()
    if end <= start:
        raise Bad(f"{path}.to", "must be after `from`")
    return Window(on, start, end)


def date_range(value: Any, path: str, keys: tuple[str, str] = ("from", "to")) -> DateRange:
    """Two dates, the second not before the first, under `keys`."""
    read = Fields(value, path)
    first, last = read(keys[0], day), read(keys[1], day)
    read.done()
    if last < first:
        raise Bad(f"{path}.{keys[1]}", f"must not be before `{keys[0]}`")
    return DateRange(first, last)
