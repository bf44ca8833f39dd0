"""Every write of the housing app, by area: stays, inventory, waiting list."""

from coordo.housing.actions.closures import close_unit, remove_closure, update_closure
from coordo.housing.actions.inventory import (
    create_building,
    create_unit,
    import_inventory,
    update_building,
    update_unit,
)
from coordo.housing.actions.stays import NO_LONGER_FREE, admit_household, end_stay, move_stay
from coordo.housing.actions.waiting import (
    accept_offer,
    create_place_request,
    offer_unit,
    refuse_offer,
    withdraw_place_request,
)

__all__ = [
    "NO_LONGER_FREE",
    "accept_offer",
    "admit_household",
    "close_unit",
    "create_building",
    "create_place_request",
    "create_unit",
    "import_inventory",
    "end_stay",
    "move_stay",
    "offer_unit",
    "refuse_offer",
    "remove_closure",
    "update_building",
    "update_closure",
    "update_unit",
    "withdraw_place_request",
]
