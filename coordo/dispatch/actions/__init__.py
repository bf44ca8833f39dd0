"""Every write of dispatch, by area: arrivals and their screenings, the daily batch, the network.

`from coordo.dispatch import actions` gives the arrival centre's writes; the batch and the
network import are read from their module (`from coordo.dispatch.actions import batches`).
"""

from coordo.dispatch.actions.arrivals import (
    PREGNANCY_AGES,
    could_be_pregnant,
    record_medical_screening,
    record_social_screening,
    register_arrival,
    update_free_places,
)

__all__ = [
    "PREGNANCY_AGES",
    "could_be_pregnant",
    "record_medical_screening",
    "record_social_screening",
    "register_arrival",
    "update_free_places",
]
