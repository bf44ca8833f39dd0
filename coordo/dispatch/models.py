"""Dispatch: the reception network's free places, arrivals and their screenings, daily batches.

A batch keeps the `coordo.dispatch/1` snapshot it was solved on, so every proposal
and every decision can be explained later, whatever happened to the network since.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, User, by_user
from coordo.access.tenancy import TenantModel
from coordo.background import BackgroundRun
from coordo.people.models import Household


class Region(models.TextChoices):
    BRUSSELS = "brussels", _("Brussels")
    FLANDERS = "flanders", _("Flanders")
    WALLONIA = "wallonia", _("Wallonia")


class Community(models.TextChoices):
    FRENCH = "fr", _("French-speaking")
    DUTCH = "nl", _("Dutch-speaking")
    GERMAN = "de", _("German-speaking")


class CentreModel(models.TextChoices):
    COLLECTIVE = "collective", _("Collective centre")
    INDIVIDUAL = "individual", _("Individual housing")


class ReceptionCentre(TenantModel):
    """The dispatch profile of a site of kind reception_centre."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="reception_centre", verbose_name=_("site")
    )
    code = models.CharField(_("code"), max_length=20)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    language = models.CharField(_("language community"), max_length=2, choices=Community.choices)
    model = models.CharField(_("model"), max_length=20, choices=CentreModel.choices)
    daily_intake = models.PositiveIntegerField(_("daily intake cap"))

    class Meta:
        verbose_name = _("reception centre")
        verbose_name_plural = _("reception centres")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="dispatch_centre_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.site.name}"


class UnitKind(models.TextChoices):
    PRIVATE = "private", _("Private room or flat")
    SHARED = "shared", _("Shared room")


class ReceptionUnit(TenantModel):
    centre = models.ForeignKey(ReceptionCentre, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(_("unit code"), max_length=30)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)
    beds = models.PositiveSmallIntegerField(_("beds"))
    free = models.PositiveSmallIntegerField(_("free beds"))
    women_only = models.BooleanField(_("women only"), default=False)
    medical = models.BooleanField(_("medical place"), default=False)
    accessible = models.BooleanField(_("reduced-mobility access"), default=False)
    minors = models.BooleanField(_("for unaccompanied minors"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    site_path = "centre__site"

    class Meta:
        verbose_name = _("reception unit")
        verbose_name_plural = _("reception units")
        ordering = ["code"]
        constraints = [
            # Unit codes identify units across the whole network in a batch snapshot.
            models.UniqueConstraint(fields=["organisation", "code"], name="dispatch_unit_code"),
            models.CheckConstraint(condition=Q(free__lte=F("beds")), name="dispatch_unit_free"),
            models.CheckConstraint(condition=Q(beds__gte=1), name="dispatch_unit_beds"),
        ]

    def __str__(self) -> str:
        return self.code


class ArrivalStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a place")
    PLACED = "placed", _("Placed")


class Arrival(TenantModel):
    """A household registered at the arrival centre, waiting to be dispatched."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    household = models.OneToOneField(
        Household, on_delete=models.PROTECT, related_name="arrival", verbose_name=_("household")
    )
    registered = models.DateField(_("registered on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=ArrivalStatus.choices, default=ArrivalStatus.WAITING
    )
    placed_unit = models.ForeignKey(
        ReceptionUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_by = by_user(optional=True)

    class Meta:
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        ordering = ["registered", "id"]

    def __str__(self) -> str:
        return f"A{self.pk}"

    @property
    def key(self) -> str:
        """The household's id in a batch snapshot."""
        return f"A{self.pk}"


class SchoolLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    DUTCH = "nl", _("Dutch")
    GERMAN = "de", _("German")


class VulnerabilityFlag(models.TextChoices):
    PREGNANT = "pregnant", _("Pregnant")
    SINGLE_WOMAN = "single_woman", _("Single woman")
    SINGLE_PARENT = "single_parent", _("Single parent")
    VIOLENCE = "violence", _("Survivor of violence")
    TRAFFICKING = "trafficking", _("Victim of trafficking")
    PSYCHOLOGICAL = "psychological", _("Psychological distress")
    LGBTI = "lgbti", _("LGBTI")
    ELDERLY = "elderly", _("Elderly")


class Screening(TenantModel):
    """What both screenings of an arrival note: who screened and when; the arrival's site."""

    screened_by = by_user()
    screened_at = models.DateTimeField(default=timezone.now)

    site_path = "arrival__site"

    class Meta:
        abstract = True


class SocialScreening(Screening):
    arrival = models.OneToOneField(Arrival, on_delete=models.CASCADE, related_name="social")
    school_language = models.CharField(
        _("children's schooling language"),
        max_length=2,
        choices=SchoolLanguage.choices,
        blank=True,
        help_text=_("Applies to the school-age children (3 to 17)."),
    )
    region = models.CharField(
        _("preferred region"), max_length=20, choices=Region.choices, blank=True
    )
    family_centre = models.ForeignKey(
        ReceptionCentre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("family already in the network at"),
    )
    excluded_centres = models.ManyToManyField(
        ReceptionCentre, blank=True, related_name="+", verbose_name=_("excluded for safety")
    )
    flags = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    women_only = models.BooleanField(_("needs a women-only or private place"), default=False)
    unaccompanied_minor = models.BooleanField(_("unaccompanied minor"), default=False)

    class Meta:
        verbose_name = _("social screening")
        verbose_name_plural = _("social screenings")

    def __str__(self) -> str:
        return f"social screening of A{self.arrival_id}"

    @property
    def flag_labels(self) -> list[str]:
        """The vulnerabilities in the reader's language, not their codes."""
        labels = dict(VulnerabilityFlag.choices)
        return [str(labels.get(flag, flag)) for flag in self.flags]


class MedicalScreening(Screening):
    """Done by the medical team only; the dispatcher sees the resulting needs, never `details`."""

    arrival = models.OneToOneField(Arrival, on_delete=models.CASCADE, related_name="medical")
    details = models.TextField(_("medical details"), blank=True)
    needs_medical = models.BooleanField(_("needs a medical place"), default=False)
    needs_accessible = models.BooleanField(_("needs reduced-mobility access"), default=False)

    class Meta:
        verbose_name = _("medical screening")
        verbose_name_plural = _("medical screenings")

    def __str__(self) -> str:
        return f"medical screening of A{self.arrival_id}"


class BatchStatus(models.TextChoices):
    """The run's states (`coordo.background.RunStatus`), then decided."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready for review")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")
    CLOSED = "closed", _("Decided")


class Batch(BackgroundRun, TenantModel):
    """One day's dispatch run; its progress, cancel, heartbeat and failure are the lifecycle's."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    snapshot = models.JSONField(_("input snapshot"))  # coordo.dispatch/1, frozen at creation
    result = models.JSONField(default=dict, blank=True)  # status, score, solve seconds
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dispatch batch")
        verbose_name_plural = _("dispatch batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.date} #{self.pk}"


class Proposal(TenantModel):
    """The optimiser's answer for one household, with what the fairness report groups by."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="proposals")
    arrival = models.ForeignKey(Arrival, on_delete=models.PROTECT, related_name="proposals")
    unit = models.ForeignKey(
        ReceptionUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unplaced_reason = models.CharField(max_length=20, blank=True)
    penalty = models.PositiveIntegerField(default=0)
    eligible_units = models.PositiveIntegerField(default=0)
    explanation = models.JSONField(default=dict, blank=True)  # language -> text
    household_type = models.CharField(max_length=20)
    head_sex = models.CharField(max_length=1)
    vulnerable = models.BooleanField(default=False)
    language = models.CharField(max_length=10, blank=True)
    size = models.PositiveSmallIntegerField()
    waiting_days = models.PositiveIntegerField()

    site_path = "batch__site"

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "arrival"], name="dispatch_proposal_once")
        ]

    def __str__(self) -> str:
        return f"proposal {self.pk} of batch {self.batch_id}"


class DecisionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    OVERRIDDEN = "overridden", _("Overridden")


class OverrideReason(models.TextChoices):
    FAMILY = "family", _("Family reunification")
    MEDICAL = "medical", _("Medical follow-up nearby")
    SCHOOL = "school", _("School continuity")
    SAFETY = "safety", _("Safety")
    CENTRE = "centre", _("The centre cannot receive today")
    DATA = "data", _("Screening data corrected")
    OTHER = "other", _("Other (explain in the comment)")


class Decision(TenantModel):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=12, choices=DecisionOutcome.choices)
    unit = models.ForeignKey(
        ReceptionUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    reason_code = models.CharField(
        _("reason"), max_length=10, choices=OverrideReason.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_by = by_user()
    decided_at = models.DateTimeField(default=timezone.now)

    site_path = "proposal__batch__site"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | ~Q(reason_code=""),
                name="dispatch_override_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outcome} proposal {self.proposal_id}"


class WaitingEntry(TenantModel):
    """A household a batch could not place, and why (no_eligible_unit or capacity)."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="waiting")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="waiting")
    reason = models.CharField(max_length=20)
    since = models.DateField()

    class Meta:
        ordering = ["since", "id"]

    def __str__(self) -> str:
        return f"A{self.arrival_id} waiting ({self.reason})"
