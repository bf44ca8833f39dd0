"""Every write of the reports app: templates (copy, edit, sections) and generating reports."""

from coordo.reports.actions.generation import request_report
from coordo.reports.actions.templates import (
    add_section,
    copy_shipped_template,
    copy_template,
    move_section,
    remove_section,
    update_section,
    update_template,
)

__all__ = [
    "add_section",
    "copy_shipped_template",
    "copy_template",
    "move_section",
    "remove_section",
    "request_report",
    "update_section",
    "update_template",
]
