"""What each app holds about a person, in one registry the subject-access export reads.

Each app registers its sources from its `AppConfig.ready()`, naming the models they
cover. A test fails when a model that points at a person or a household is covered by
no source, so a new app cannot forget to give a person what it holds on her. This
module imports no app: the apps import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from coordo.registry import Registry

if TYPE_CHECKING:
    from coordo.access.scoping import Principal


Row = dict[str, Any]  # JSON-safe values only: the export is also a JSON file


@dataclass(frozen=True)
class Source:
    """One section of the export: `gather(principal, person)` gives what `principal` may read.

    `fields` labels the keys of a flat row for the printable page; a source with nested
    rows gives its own `template` (an include that receives `rows`) instead.
    """

    key: str
    title: str | Promise
    models: tuple[str, ...]  # the "app_label.Model" names this source accounts for
    gather: Callable[..., Any]  # (principal, person) -> a JSON-safe part
    order: int
    fields: Mapping[str, str | Promise] | None = None
    template: str | None = None


_SOURCES: Registry[Source] = Registry("personal-data sources")


def register(source: Source) -> None:
    if (source.fields is None) == (source.template is None):
        raise ImproperlyConfigured(f"{source.key!r}: give either fields or a template.")
    _SOURCES.add(source)


sources = _SOURCES.ordered
covered_models = _SOURCES.covered_models


def gather_all(principal: Principal, person: Any) -> dict[str, Any]:
    """Every source's part, keyed by source, in the order of the printable page."""
    return {source.key: source.gather(principal, person) for source in sources()}


def labelled(source: Source, part: Any) -> list[list[tuple[str, Any]]]:
    """A flat source's part as records of (label, value), for the printable page."""
    assert source.fields is not None
    records = [part] if isinstance(part, Mapping) else list(part or ())
    return [
        [(str(label), record.get(key)) for key, label in source.fields.items()]
        for record in records
    ]
