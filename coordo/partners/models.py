"""Partner organisations, their contact persons and the conventions signed with them.

The directory belongs to the organisation (every site refers to the same hospitals and
CPAS); a convention is signed by one site's coordination.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, by_user
from coordo.access.tenancy import TenantModel


class PartnerKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    CPAS = "cpas", _("CPAS / OCMW")
    FAMILY_PLANNING = "family_planning", _("Family planning")
    MEDICAL_HOUSE = "medical_house", _("Community health centre")
    MENTAL_HEALTH = "mental_health", _("Mental health service")
    LEGAL_AID = "legal_aid", _("Legal aid")
    SHELTER = "shelter", _("Shelter or housing service")
    YOUTH = "youth", _("Youth service")
    NGO = "ngo", _("Humanitarian organisation")
    OTHER = "other", _("Other")


class Line(models.TextChoices):
    FIRST = "first", _("First line")
    SECOND = "second", _("Second line")


class Partner(TenantModel):
    site_path = None  # the directory is shared by every site of the organisation

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind.choices)
    line = models.CharField(_("line"), max_length=6, choices=Line.choices, default=Line.SECOND)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Service(TenantModel):
    """What a partner offers and where a person can be referred (a consultation, a permanence)."""

    site_path = None  # the directory is shared by every site of the organisation

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("service"), max_length=150)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Contact(TenantModel):
    site_path = None  # the directory is shared by every site of the organisation

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


def convention_upload_to(instance: Convention, filename: str) -> str:
    # The stored name never carries the uploaded name, which may say something personal.
    return f"conventions/{instance.organisation_id}/{timezone.now():%Y%m}/{filename}"


class Convention(TenantModel):
    """A bilateral agreement between one of our sites and a partner."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="conventions", verbose_name=_("site")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="conventions", verbose_name=_("partner")
    )
    other_parties = models.CharField(_("other parties"), max_length=250, blank=True)
    subject = models.TextField(_("object"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    renewal_notice_days = models.PositiveSmallIntegerField(
        _("renewal notice (days)"),
        default=90,
        help_text=_("How long before the end date the renewal must be decided."),
    )
    # Stored so that "coming up for renewal" is one indexed date comparison on any engine.
    renewal_due = models.DateField(_("renewal decision due"), editable=False, db_index=True)
    insurance = models.CharField(_("insurance"), max_length=250, blank=True)
    document = models.FileField(_("signed document"), upload_to=convention_upload_to, blank=True)
    document_type = models.CharField(max_length=100, blank=True, editable=False)
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["end_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="convention_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.start_date:%Y}–{self.end_date:%Y})"

    def compute_renewal_due(self) -> date:
        return self.end_date - timedelta(days=self.renewal_notice_days)
