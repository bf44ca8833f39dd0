"""Housing inventory: buildings (some at a secret address) and the units people live in.

Stays, the waiting list and the occupancy board come with the housing module; the
inventory exists from the start so the demo house can be described as it is.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Organisation, Site


class Building(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("site")
    )
    name = models.CharField(_("name"), max_length=120)
    # Confidential: shown only to the site's members who hold the explicit permission.
    address = models.CharField(_("address"), max_length=250)
    confidential = models.BooleanField(
        _("secret address"),
        default=False,
        help_text=_("The address and who lives here are shown only to authorised team members."),
    )

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="building_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    STUDIO = "studio", _("Studio")
    APARTMENT = "apartment", _("Apartment")
    ROOM = "room", _("Room")
    DORMITORY = "dormitory", _("Dormitory")


class Unit(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name=_("building")
    )
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity (persons)"))
    women_only = models.BooleanField(_("women only"), default=False)
    family = models.BooleanField(_("family unit"), default=False)
    accessible = models.BooleanField(_("accessible"), default=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="unit_unique_name"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="unit_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} · {self.name}"
