"""The shared inbox: everyone has one; another's delivery does not exist for them."""

from __future__ import annotations

from django.db.models import Model

from coordo.access.models import User
from coordo.notifications.models import Delivery
from tests.permissions.routes import ALL_ROLES, NOBODY, Route
from tests.world import Place

ROUTES: dict[str, Route] = {
    "inbox": Route(allowed=ALL_ROLES),
    "delivery_read": Route(method="POST", target="delivery", allowed=NOBODY, denied=404),
}

TARGETS = {"delivery": lambda place: {"delivery_id": place.records["delivery"].pk}}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    recipient = User.objects.create_user(
        f"inbox-{label}@test.example", "unused-password-1", full_name=f"Inbox {label}",
        organisation=place.site.organisation,
    )  # fmt: skip
    delivery = Delivery.objects.create(
        organisation=place.site.organisation, user=recipient, subject="Coordo: a notice",
        text="Open Coordo.", link="/",
    )  # fmt: skip
    return {"delivery": delivery}
