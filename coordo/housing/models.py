"""Housing: buildings (some at a secret address), units, stays, and the waiting list.

A stay admits a household (or one person) at a site; each person of the stay holds
an `Occupancy`: one bed slot of one unit over a date range [start, end). On
PostgreSQL exclusion constraints (migration 0002) make a slot impossible to give
twice and a family unit impossible to share between stays; on SQLite the actions
check the same rules inside an IMMEDIATE (serialised) transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, by_user
from coordo.access.tenancy import TenantModel
from coordo.people.models import Person, household_key, person_key

CONFIDENTIAL_LOCATION = _("confidential location")
FAR_FUTURE = date(9999, 12, 31)


def until() -> Coalesce:
    """The end of a period, the far future while it is open (indexed on stays and occupancies)."""
    return Coalesce("end", Value(FAR_FUTURE), output_field=models.DateField())


# Shared by the writes and the reads: the nights two periods, or a unit's service, share.
def overlapping(start: date, end: date | None) -> Q:
    """Occupancies (or closures) sharing at least one night with [start, end).

    An open end counts as the far future, written as the expression the index
    `occupancy_unit_until` holds, so "who is here tonight" reads the current rows only.
    """
    q = Q(GreaterThan(until(), start))
    return q & Q(start__lt=end) if end else q


def serving(start: date, end: date) -> Q:
    """Units in service on at least one night of [start, end)."""
    return Q(in_service_from__lt=end) & (
        Q(out_of_service_from__isnull=True) | Q(out_of_service_from__gt=start)
    )


class Building(TenantModel):
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


class Unit(TenantModel):
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name=_("building")
    )
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity (persons)"))
    women_only = models.BooleanField(_("women only"), default=False)
    family = models.BooleanField(_("family unit"), default=False)
    accessible = models.BooleanField(_("accessible"), default=False)
    # A unit's beds count in the capacity from the night it enters service until the one
    # it leaves it, so a unit added or withdrawn today never changes a past period's rate.
    in_service_from = models.DateField(
        _("in service from"),
        default=timezone.localdate,
        help_text=_("The first night the unit can take someone."),
    )
    out_of_service_from = models.DateField(
        _("withdrawn from service on"),
        null=True,
        blank=True,
        help_text=_(
            "The first night it takes nobody any more, for good (sold, given back, merged). "
            "Leave empty while it is in service; works are an out-of-service period instead."
        ),
    )

    site_path = "building__site"

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="unit_unique_name"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="unit_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(out_of_service_from__isnull=True)
                | models.Q(out_of_service_from__gt=models.F("in_service_from")),
                name="unit_withdrawn_after_in_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} · {self.name}"

    def clean(self) -> None:
        # Named on its field, before the constraint answers with a generic message.
        withdrawn, opened = self.out_of_service_from, self.in_service_from
        if withdrawn is not None and opened is not None and withdrawn <= opened:
            raise ValidationError(
                {"out_of_service_from": _("A unit leaves service after the night it enters it.")}
            )

    def in_service(self, start: date, end: date | None) -> bool:
        """Whether the unit is in service on every night of [start, end) (open: for good)."""
        if start < self.in_service_from:
            return False
        withdrawn = self.out_of_service_from
        return withdrawn is None or (end is not None and end <= withdrawn)


class UnitClosure(TenantModel):
    """A period when a unit takes nobody: works, damage, disinfection."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="closures")
    start = models.DateField(_("out of service from"))
    end = models.DateField(_("back in service on"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)

    site_path = "unit__building__site"

    class Meta:
        verbose_name = _("out-of-service period")
        verbose_name_plural = _("out-of-service periods")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gt=models.F("start")),
                name="unit_closure_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.reason}"


class ExitReason(models.TextChoices):
    PLANNED = "planned", _("End of the planned stay")
    HOUSING_FOUND = "housing_found", _("Housing found")
    OWN_CHOICE = "own_choice", _("Left by own choice")
    EXCLUDED = "excluded", _("Excluded (house rules)")
    TRANSFER = "transfer", _("Transferred to another service")
    NO_SHOW = "no_show", _("Did not come back")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


class Destination(models.TextChoices):
    """Where people go: the categories of the Belgian regional activity reports."""

    PRIVATE_RENTAL = "private_rental", _("Private rental")
    SOCIAL_HOUSING = "social_housing", _("Social housing (SLSP, AIS, SISP)")
    TRANSITIONAL = "transitional", _("Transitional housing")
    FAMILY_FRIENDS = "family_friends", _("Family or friends")
    SHELTER = "shelter", _("Another shelter or maison d'accueil")
    RECEPTION_NETWORK = "reception_network", _("Asylum reception network")
    HOSPITAL_CARE = "hospital_care", _("Hospital or care institution")
    PRISON = "prison", _("Prison")
    STREET = "street", _("Street or squat")
    RETURN = "return", _("Return to the country of origin")
    UNKNOWN = "unknown", _("Unknown")


class HouseholdType(models.TextChoices):
    SINGLE_WOMAN = "single_woman", _("Woman alone")
    SINGLE_MAN = "single_man", _("Man alone")
    SINGLE_PERSON = "single_person", _("Person alone")
    SINGLE_PARENT = "single_parent", _("Parent with children")
    COUPLE_CHILDREN = "couple_children", _("Couple with children")
    COUPLE = "couple", _("Couple without children")
    OTHER = "other", _("Other household")


class Stay(TenantModel):
    """One admission of a household (or a person) at a site, from entry to exit."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    household = household_key(related_name="stays")
    head = person_key(related_name="headed_stays")
    household_type = models.CharField(
        _("household type"), max_length=20, choices=HouseholdType.choices
    )
    start = models.DateField(_("entry date"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    end = models.DateField(_("exit date"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"), max_length=20, choices=ExitReason.choices, blank=True
    )
    destination = models.CharField(
        _("destination"), max_length=20, choices=Destination.choices, blank=True
    )
    created_by = by_user(optional=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["-start", "-id"]
        indexes = [
            models.Index(fields=["site", "start"]),
            models.Index(fields=["site", "end"]),
            # The site's stays sharing a night with a period, not its whole history (figures).
            models.Index(F("site"), until(), name="stay_site_until"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="stay_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | ~models.Q(destination=""),
                name="stay_exit_has_destination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.head} · {self.start:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end is None

    def nights(self, until: date) -> int:
        return ((self.end or until) - self.start).days


class Occupancy(TenantModel):
    """One person of a stay in one bed slot of one unit, over [start, end)."""

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="occupancies")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="occupancies")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="occupancies")
    slot = models.PositiveSmallIntegerField(_("bed"))
    # A copy of unit.family, so the database can keep a family unit to one stay.
    family = models.BooleanField(default=False)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    site_path = "stay__site"

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["unit", "start"]),
            models.Index(F("unit"), until(), name="occupancy_unit_until"),
            models.Index(F("person"), until(), name="occupancy_person_until"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gt=models.F("start")),
                name="occupancy_end_after_start",
            ),
            models.CheckConstraint(condition=models.Q(slot__gte=1), name="occupancy_slot_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.slot}"


def new_occupancies(
    stay: Stay,
    unit: Unit,
    persons: Sequence[Person],
    slots: Sequence[int],
    start: date,
    end: date | None,
) -> list[Occupancy]:
    """The occupancies (unsaved) of a stay's `persons` in `unit`, one slot each, in order."""
    return [
        Occupancy(
            organisation_id=stay.organisation_id,
            stay=stay,
            person=person,
            unit=unit,
            slot=slot,
            family=unit.family,
            start=start,
            end=end,
        )
        for person, slot in zip(persons, slots, strict=False)
    ]


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Place offered")
    ADMITTED = "admitted", _("Admitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgent (violence, street with children)")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")


class PlaceRequest(TenantModel):
    """A household's request for a place at a site: the waiting list, in order."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    head = person_key(related_name="place_requests")
    household = household_key(related_name="+")
    persons = models.PositiveSmallIntegerField(_("persons to house"), default=1)
    requested_on = models.DateField(_("request date"), default=timezone.localdate)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    needs_family_unit = models.BooleanField(_("needs a family unit"), default=False)
    needs_women_only = models.BooleanField(_("needs a women-only unit"), default=False)
    needs_accessible = models.BooleanField(_("needs an accessible unit"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    stay = models.ForeignKey(
        Stay, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = by_user(optional=True)

    class Meta:
        verbose_name = _("place request")
        verbose_name_plural = _("place requests")
        # The order of the waiting list: priority first, then who asked first.
        ordering = ["priority", "requested_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(persons__gte=1), name="request_persons"),
        ]

    def __str__(self) -> str:
        return f"{self.head} · {self.requested_on:%d/%m/%Y}"

    def waited_days(self, today: date) -> int:
        return (today - self.requested_on).days


class OfferOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class Offer(TenantModel):
    """A free unit offered to a waiting household; a refusal keeps its reason."""

    request = models.ForeignKey(PlaceRequest, on_delete=models.CASCADE, related_name="offers")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    offered_on = models.DateField(_("offered on"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=OfferOutcome.choices, default=OfferOutcome.PENDING
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=250, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    created_by = by_user(optional=True)

    site_path = "request__site"

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-offered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="refused") | ~models.Q(refusal_reason=""),
                name="offer_refusal_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.unit}"
