"""Persons, households and consent: the people every service receives."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum.be import nn

from coordo.access.languages import language_name
from coordo.access.models import Site, by_user
from coordo.access.tenancy import TenantModel
from coordo.people.vocab import country_choices


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / non-binary")
    UNKNOWN = "U", _("Unknown")


def validate_national_number(value: str) -> None:
    """A Belgian national number (NISS/INSZ): 11 digits with valid check digits."""
    try:
        nn.validate(value)
    except Exception as exc:  # stdnum raises several ValidationError subclasses
        raise ValidationError(
            _("This is not a valid Belgian national number (11 digits, check digits must match)."),
            code="invalid_niss",
        ) from exc


FIRST_BIRTH_YEAR = 1900  # as the database constraint `person_birth_year_plausible`


def validate_birth_year(value: int) -> None:
    """No one registered was born before 1900 or after this year."""
    last = timezone.localdate().year
    if not FIRST_BIRTH_YEAR <= value <= last:
        raise ValidationError(
            _("Enter a birth year between %(first)s and %(last)s."),
            code="birth_year_range",
            params={"first": FIRST_BIRTH_YEAR, "last": last},
        )


def national_number_birth(number: str) -> tuple[int | None, int | None, int | None]:
    """The (year, month, day) a valid national number encodes, None where it was unknown.

    The century comes from the check digits: for births from 2000 they are computed on
    the number prefixed with 2."""
    full = nn.get_birth_date(number)
    return nn.get_birth_year(number), nn.get_birth_month(number), full.day if full else None


def new_pseudonym() -> str:
    # Research exports use this code instead of names; it says nothing about the person.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "P-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Person(TenantModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="persons", verbose_name=_("site")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # Lower-case, accent-free "first last" for partial, accent-insensitive search on any engine.
    search_name = models.CharField(max_length=210, editable=False, db_index=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[validate_birth_year]
    )
    birth_year_approximate = models.BooleanField(_("birth year is approximate"), default=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(
        _("gender identity"), max_length=60, blank=True, help_text=_("As the person describes it.")
    )
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=country_choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    national_number = models.CharField(
        _("national number (NISS)"),
        max_length=11,
        blank=True,
        validators=[validate_national_number],
    )
    pseudonym = models.CharField(max_length=12, unique=True, default=new_pseudonym, editable=False)
    created_by = by_user(optional=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # A legal hold (a court case, an inquiry) stops every retention purge of her records
    # (coordo/retention.py) until it is lifted; set and lifted through people.actions, audited.
    legal_hold_at = models.DateTimeField(_("legal hold since"), null=True, blank=True)
    legal_hold_by = by_user(optional=True)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["organisation", "site", "last_name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True) | models.Q(birth_year__gte=1900),
                name="person_birth_year_plausible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = ValidationError(_("The birth date is in the future."))
        elif self.birth_date and self.birth_date.year < FIRST_BIRTH_YEAR:
            errors["birth_date"] = ValidationError(
                _("Enter a birth date from %(first)s on."), params={"first": FIRST_BIRTH_YEAR}
            )
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            errors["birth_year"] = ValidationError(
                _("The birth year does not match the birth date.")
            )
        if self.national_number and nn.is_valid(self.national_number):
            mismatch = self._national_number_mismatch()
            if mismatch:
                errors["national_number"] = ValidationError(mismatch)
        if errors:
            raise ValidationError(errors)

    def _national_number_mismatch(self) -> str:
        """Why the birth the national number encodes (YY.MM.DD) contradicts the one entered."""
        year, month, day = national_number_birth(self.national_number)
        if self.birth_date:
            entered = (self.birth_date.year, self.birth_date.month, self.birth_date.day)
            if any(
                encoded is not None and encoded != value
                for encoded, value in zip((year, month, day), entered, strict=True)
            ):
                return str(
                    _(
                        "This national number is of someone born %(encoded)s, "
                        "but the birth date entered is %(entered)s."
                    )
                    % {
                        "encoded": _encoded_birth(year, month, day),
                        "entered": date_format(self.birth_date, "SHORT_DATE_FORMAT"),
                    }
                )
        elif self.birth_year and year is not None and year != self.birth_year:
            return str(
                _(
                    "This national number is of someone born in %(encoded)s, "
                    "but the birth year entered is %(entered)s."
                )
                % {"encoded": year, "entered": self.birth_year}
            )
        return ""

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]


def _encoded_birth(year: int | None, month: int | None, day: int | None) -> str:
    if year and month and day:
        encoded = date_format(date(year, month, day), "SHORT_DATE_FORMAT")
        return str(pgettext_lazy("born", "on %(date)s") % {"date": encoded})
    if year and month:
        month_year = pgettext_lazy("born", "in %(month)s/%(year)s")
        return str(month_year % {"month": f"{month:02d}", "year": year})
    return str(pgettext_lazy("born", "in %(year)s") % {"year": year})


class Household(TenantModel):
    """People who move together: a mother and her children are admitted as one."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="households", verbose_name=_("site")
    )
    name = models.CharField(_("name"), max_length=150)
    head = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of household"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


def person_key(*, related_name: str) -> models.ForeignKey[Person, Person]:
    """The person a record of another app is about: she outlives it (PROTECT)."""
    return models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name=related_name, verbose_name=_("person")
    )


def household_key(*, related_name: str) -> models.ForeignKey[Household | None, Household | None]:
    """The household a record is about, when it is about one (a person alone has none)."""
    return models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("household"),
    )


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER_RELATIVE = "relative", _("Other relative")
    OTHER = "other", _("Other")


class HouseholdMember(TenantModel):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    relationship = models.CharField(
        _("relationship to the head"), max_length=20, choices=Relationship.choices
    )

    site_path = "household__site"

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            # A person lives in one household at a time.
            models.UniqueConstraint(fields=["person"], name="household_member_one_household"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class ConsentPurpose(models.TextChoices):
    SHARE_BETWEEN_SITES = "share_sites", _("Share the file with other sites of the organisation")
    SHARE_WITH_PARTNERS = "share_partners", _("Share information with partner organisations")
    RESEARCH = "research", _("Pseudonymised use for research")
    PHOTO = "photo", _("Photos in activities")
    OUTREACH = "outreach", _("Named and followed up after an outreach contact")


class ConsentRecord(TenantModel):
    """A consent given or withdrawn; the latest record per purpose is in force."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("given"))
    date = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = by_user()
    recorded_at = models.DateTimeField(default=timezone.now)

    site_path = "person__site"

    # What the apps undid when this record withdrew a consent (set by `record_consent`, not
    # stored): one sentence each, for the worker who recorded it.
    undone: tuple[str, ...] = ()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {'+' if self.given else '-'}"
