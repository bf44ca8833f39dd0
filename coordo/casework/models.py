"""Requests at the front desk, case files with their plan, appointments and notes, referrals."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.languages import language_name
from coordo.access.models import Site, by_user
from coordo.access.tenancy import TenantModel
from coordo.partners.models import Partner, Service
from coordo.people.models import Household, Person, person_key


class RequestKind(models.TextChoices):
    ACCOMMODATION = "accommodation", _("A place to stay")
    INFORMATION = "information", _("Information")
    SOCIAL = "social", _("Social help")
    HEALTH = "health", _("Health")
    LEGAL = "legal", _("Legal question")
    MATERIAL = "material", _("Material help (food, clothes, hygiene)")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent (within days)")
    EMERGENCY = "emergency", _("Emergency (today)")


class Outcome(models.TextChoices):
    ORIENTED = "oriented", _("Oriented")
    REFERRED = "referred", _("Referred")
    WAITING_LIST = "waiting_list", _("Placed on the waiting list")
    ACCOMMODATED = "accommodated", _("Accommodated")
    NO_FOLLOW_UP = "no_follow_up", _("No follow-up")


class Request(TenantModel):
    """One visit or call at the front desk: who asked for what, and what came of it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    person = person_key(related_name="requests")
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    received_by = by_user(null=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    outcome_by = by_user(optional=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["organisation", "site", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.received_at:%Y-%m-%d})"

    @property
    def language_name(self) -> str:
        return language_name(self.language) if self.language else ""


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CaseFile(TenantModel):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    person = person_key(related_name="case_files")
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referent = by_user(verbose_name=_("referent worker"))
    status = models.CharField(
        _("status"), max_length=6, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    closed_reason = models.CharField(_("reason for closing"), max_length=250, blank=True)
    opened_at = models.DateField(_("opened on"), default=timezone.localdate)
    closed_at = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "person"], name="case_file_one_per_site"),
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(closed_reason=""),
                name="case_file_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Case file #%(id)s") % {"id": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseFileReopening(TenantModel):
    """A closed file opened again: by whom, why, and the closing it undid."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.CharField(_("reason for reopening"), max_length=250)
    closed_at = models.DateField(_("closed on"), null=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=250)
    reopened_by = by_user(null=True)
    reopened_at = models.DateTimeField(_("reopened at"), default=timezone.now)

    class Meta:
        verbose_name = _("case file reopening")
        verbose_name_plural = _("case file reopenings")
        ordering = ["-reopened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="case_file_reopening_has_reason"
            )
        ]

    def __str__(self) -> str:
        return str(_("Reopening of case file #%(id)s") % {"id": self.case_file_id})


class Domain(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income")
    LEGAL = "legal", _("Legal")
    CHILDREN = "children", _("Children")
    TRAINING_WORK = "training_work", _("Training and work")


class Goal(TenantModel):
    """One goal of the accompaniment plan."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    description = models.CharField(_("goal"), max_length=250)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    site_path = "case_file__site"

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["domain", "target_date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="goal_progress_max")
        ]

    def __str__(self) -> str:
        return self.description


class Appointment(TenantModel):
    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("date and time"))
    purpose = models.CharField(_("purpose"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    created_by = by_user()

    site_path = "case_file__site"

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.purpose}"


class Level(models.IntegerChoices):
    """Ordered: a higher number is seen by fewer people."""

    TEAM = 1, _("Team (the site's case workers)")
    RESTRICTED = 2, _("Restricted (author and coordinators)")
    MEDICAL = 3, _("Medical (medical staff only)")


class Note(TenantModel):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="notes")
    author = by_user()
    level = models.PositiveSmallIntegerField(
        _("confidentiality"), choices=Level.choices, default=Level.TEAM
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(_("Note #%(id)s") % {"id": self.pk})


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    APPOINTMENT_SET = "appointment_set", _("Appointment set")
    DONE = "done", _("Done")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REFERRAL_STATUSES = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.APPOINTMENT_SET,
)


class Referral(TenantModel):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    person = person_key(related_name="referrals")
    request = models.ForeignKey(
        Request, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("service"),
    )
    reason = models.CharField(_("reason"), max_length=250)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    consent_given = models.BooleanField(
        _("the person agrees to this referral"),
        default=False,
        help_text=_("Ask before sending anything about her to the partner."),
    )
    information_shared = models.CharField(_("what was shared"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=250, blank=True)
    due_date = models.DateField(_("follow up by"), db_index=True)
    referred_by = by_user()
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # When the partner first answered (accepted, refused or set a date): the delay statistic.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["organisation", "site", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="referral_refused_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_given=True), name="referral_needs_consent"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Referral #%(id)s") % {"id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    return f"casework/{instance.organisation_id}/{timezone.now():%Y%m}/{filename}"


class Attachment(TenantModel):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to)
    title = models.CharField(_("title"), max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = by_user()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CaseMeeting(TenantModel):
    """A multidisciplinary (psycho-medico-social) meeting about some of the site's persons."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    participants = models.TextField(
        _("participants"), help_text=_("Names and roles, partners' workers included.")
    )
    persons = models.ManyToManyField(Person, related_name="+", verbose_name=_("persons discussed"))
    created_by = by_user()

    class Meta:
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        held_on = formats.date_format(self.held_on, "SHORT_DATE_FORMAT")
        return str(_("Case meeting of %(date)s") % {"date": held_on})


class MeetingAction(TenantModel):
    """A decision or action of a case meeting, with who carries it and by when."""

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("decision or action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    due_date = models.DateField(_("due date"))

    site_path = "meeting__site"

    class Meta:
        verbose_name = _("decision or action")
        verbose_name_plural = _("decisions and actions")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description
