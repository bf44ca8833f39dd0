"""Writes of the community app: the programme, attendance; meetings and decisions by module."""

from coordo.community.actions.attendance import record_attendance
from coordo.community.actions.programme import (
    accept_activity,
    cancel_occurrence,
    move_occurrence,
    propose_activity,
    publish_activity,
    restore_occurrence,
    set_public_programme,
    update_activity,
    withdraw_activity,
)

__all__ = [
    "accept_activity",
    "cancel_occurrence",
    "move_occurrence",
    "propose_activity",
    "publish_activity",
    "record_attendance",
    "restore_occurrence",
    "set_public_programme",
    "update_activity",
    "withdraw_activity",
]
