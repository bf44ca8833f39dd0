"""`{{ codes|language_names }}`: stored language codes shown by their names ("ar" reads Arabic)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from coordo.access.languages import language_name

register = template.Library()


@register.filter
def language_names(codes: Iterable[str] | None, separator: str = ", ") -> str:
    return separator.join(language_name(code) for code in codes or ())
