"""The demo network and arrivals: built once, unchanged by a second load."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from coordo.dispatch.models import (
    Arrival,
    MedicalScreening,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (ReceptionCentre, ReceptionUnit, Arrival, SocialScreening, MedicalScreening)
    )


def test_demo_is_idempotent():
    call_command("load_demo", verbosity=0)
    first = counts()
    frees = list(ReceptionUnit.objects.order_by("code").values_list("code", "free"))
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first == (8, 106, 30, 25, 13)
    assert list(ReceptionUnit.objects.order_by("code").values_list("code", "free")) == frees
