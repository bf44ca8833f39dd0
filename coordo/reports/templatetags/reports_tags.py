from __future__ import annotations

from typing import Any

from django import template

from coordo.reports.content import display
from coordo.web.charts import Drawn

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    return display(value)


@register.filter
def drawn(section: dict[str, Any]) -> Drawn:
    return Drawn(title=section["title"], built=section["spec"])
