"""Shift planning: workers, their weekly windows and absences, shifts, plannings, on-call rotas.

A `Planning` is one site's month. While a draft it is edited and re-solved; publishing
freezes it as a numbered version, and the next draft starts from that version so a
re-plan changes as little as possible.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, User, by_user
from coordo.access.tenancy import TenantModel
from coordo.background import BackgroundRun
from coordo.background import RunStatus as RunStatus  # planning's run states are these


class WorkerKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("Volunteer")
    STUDENT = "student", _("Student")
    INTERN = "intern", _("Intern")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Worker(TenantModel):
    """Someone who works shifts; volunteers may have no account and use their calendar link."""

    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="worker"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=WorkerKind.choices)
    sites = models.ManyToManyField(Site, related_name="workers", verbose_name=_("sites"))
    female = models.BooleanField(_("may work at women-only sites"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    max_shifts_per_month = models.PositiveSmallIntegerField(_("maximum shifts per month"))
    contract_hours = models.PositiveSmallIntegerField(
        _("contract hours per week"), null=True, blank=True
    )
    # Where the calendar link goes for a worker without an account; nothing else is sent there.
    email = models.EmailField(_("e-mail address"), blank=True)
    calendar_token = models.CharField(max_length=40, unique=True, default=new_calendar_token)
    is_active = models.BooleanField(_("active"), default=True)

    site_path = "sites"  # many sites: a read through it may repeat a worker (distinct)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class WindowKind(models.TextChoices):
    AVAILABLE = "available", _("Available")
    PREFERRED = "preferred", _("Preferred")
    UNDESIRED = "undesired", _("Undesired")


class WeekDay(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyWindow(TenantModel):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="windows")
    kind = models.CharField(_("kind"), max_length=10, choices=WindowKind.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WeekDay.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"), null=True, blank=True, help_text=_("Empty: midnight."))

    site_path = "worker__sites"

    class Meta:
        ordering = ["worker", "kind", "weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_weekday_display()} {self.start:%H:%M}"

    def clean(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The window must end after it starts.")})


class AbsenceReason(models.TextChoices):
    LEAVE = "leave", _("Leave")
    ILLNESS = "illness", _("Illness")
    TRAINING = "training", _("Training")


class Absence(TenantModel):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="absences")
    reason = models.CharField(_("reason"), max_length=10, choices=AbsenceReason.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    entered_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)

    site_path = "worker__sites"

    class Meta:
        ordering = ["first_day", "id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.first_day}–{self.last_day}"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})


class ShiftTemplate(TenantModel):
    """A recurring slot of a site: it generates one shift on each of its weekdays."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="shift_templates")
    weekdays = models.JSONField(_("weekdays"), default=list)  # 0 = Monday
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"), null=True, blank=True, help_text=_("Empty: midnight."))
    required = models.PositiveSmallIntegerField(_("people needed"), default=2)
    languages_any = models.JSONField(
        _("one of these languages"), default=list, blank=True
    )  # empty: no language need

    class Meta:
        ordering = ["site", "start", "id"]

    def __str__(self) -> str:
        return f"{self.site} {self.start:%H:%M}"

    @property
    def weekday_labels(self) -> list[str]:
        """Its weekdays by name in the reader's language ("Monday"), not as 0-6."""
        return [str(WeekDay(day).label) for day in sorted(self.weekdays)]

    def clean(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The slot must end after it starts.")})
        if not self.weekdays or not set(self.weekdays) <= set(range(7)):
            raise ValidationError({"weekdays": _("Choose at least one weekday.")})


class SitePlanningSettings(TenantModel):
    """How a site plans: one row per site, created when first changed (absent: the defaults)."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="planning_settings")
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=False,
        help_text=_("No shift is planned on Belgian public holidays."),
    )

    class Meta:
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")

    def __str__(self) -> str:
        return f"{self.site}"


class PlanningStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class Planning(TenantModel):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="plannings")
    month = models.DateField(_("month"))  # its first day
    status = models.CharField(
        _("status"), max_length=10, choices=PlanningStatus.choices, default=PlanningStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=0)  # 0 until published
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("planning")
        verbose_name_plural = _("plannings")
        ordering = ["-month", "site", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "month"],
                condition=models.Q(status="draft"),
                name="planning_one_draft_per_month",
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.month:%Y-%m} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanningStatus.DRAFT


class Shift(TenantModel):
    """One occurrence of a template in a month; plannings of that month assign people to it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        ShiftTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="shifts"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    required = models.PositiveSmallIntegerField(_("people needed"))
    languages_any = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "start"], name="shift_once_per_template")
        ]

    def __str__(self) -> str:
        return f"{self.site} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class Assignment(TenantModel):
    planning = models.ForeignKey(Planning, on_delete=models.CASCADE, related_name="assignments")
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="assignments")
    # Set by hand: the solver keeps it (`fixed`) when the draft is solved again.
    fixed = models.BooleanField(default=False)

    site_path = "planning__site"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["planning", "shift", "worker"], name="assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.shift}"


class PlanningRun(BackgroundRun, TenantModel):
    """One solve of a draft in the background, with its progress and outcome.

    Its states and columns are the lifecycle's (`coordo.background`); `progress` holds
    the elapsed time, objective, bound and best plan so far. A cancelled run keeps that
    plan, so it ends done.
    """

    planning = models.ForeignKey(Planning, on_delete=models.CASCADE, related_name="runs")
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    result = models.JSONField(default=dict, blank=True)  # status, objective, bound, conflicts
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)

    site_path = "planning__site"

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.planning} #{self.pk}"


class Rota(TenantModel):
    """An on-call rota shared by some coordinators of a site, cut into periods."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="rotas")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(Worker, related_name="rotas", verbose_name=_("members"))

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RotaPeriod(TenantModel):
    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="periods")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    weekend = models.BooleanField(_("weekend"), default=False)
    holder = models.ForeignKey(
        Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    site_path = "rota__site"

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.rota} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class SwapStatus(models.TextChoices):
    OFFERED = "offered", _("Waiting for a colleague")
    ACCEPTED = "accepted", _("Waiting for the coordination")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_SWAP_STATUSES = (SwapStatus.OFFERED, SwapStatus.ACCEPTED)


class SwapRequest(TenantModel):
    """A host hands over a published shift, or swaps it; a colleague takes it, the coordination approves.

    `colleague` empty: an open offer to the site's team. `counter_shift`: the taker's
    shift of the same planning that the requester works instead (a swap, not a hand-over).
    """

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    planning = models.ForeignKey(Planning, on_delete=models.CASCADE, related_name="swap_requests")
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="swaps_asked")
    colleague = models.ForeignKey(
        Worker,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="swaps_offered",
        verbose_name=_("colleague"),
    )
    taker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, null=True, blank=True, related_name="swaps_taken"
    )
    counter_shift = models.ForeignKey(
        Shift,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("my shift in exchange"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.OFFERED
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = by_user(optional=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("swap request")
        verbose_name_plural = _("swap requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "requester"],
                condition=models.Q(status__in=["offered", "accepted"]),
                name="swap_one_open_request_per_shift",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} · {self.shift} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SWAP_STATUSES
