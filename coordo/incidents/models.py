"""Incidents: one record per report, the people involved, and the follow-up actions.

The narrative and the identities (`Involvement`) are confidential: the queries show them
to the site's coordination and to the report's author only.
"""

from __future__ import annotations

import secrets
from datetime import datetime, time

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, User
from coordo.access.tenancy import TenantModel
from coordo.incidents.catalogue import FAMILY_OF, Family, GbvContext, IncidentType, Severity
from coordo.people.models import Person


class Place(models.TextChoices):
    ROOM = "room", _("A room")
    COMMON_ROOM = "common_room", _("Common room")
    KITCHEN = "kitchen", _("Kitchen")
    CORRIDOR = "corridor", _("Corridor or stairs")
    COURTYARD = "courtyard", _("Courtyard or garden")
    DESK = "desk", _("Front desk or office")
    STREET = "street", _("Street in front")
    OUTSIDE = "outside", _("Elsewhere outside")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOW_UP = "follow_up", _("In follow-up")
    CLOSED = "closed", _("Closed")


class Incident(TenantModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("site")
    )
    occurred_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=20, choices=Place.choices)
    type = models.CharField(_("type"), max_length=30, choices=IncidentType.choices)
    gbv_context = models.CharField(
        _("context (GBVIMS)"), max_length=20, choices=GbvContext.choices, blank=True
    )
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    # Confidential: the coordination and the author only.
    narrative = models.TextField(_("what happened"), max_length=5000)
    first_aid = models.BooleanField(_("first aid"), default=False)
    police = models.BooleanField(_("police called"), default=False)
    ambulance = models.BooleanField(_("ambulance called"), default=False)
    asked_to_leave = models.BooleanField(_("person asked to leave"), default=False)
    informed = models.CharField(_("who was informed"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # A double submit (slow connection) carries the same key: it records once.
    idempotency_key = models.UUIDField(_("form key"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    alerted_at = models.DateTimeField(_("alerted"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    # The rota had nobody on call when it was reported: the coordinators were alerted.
    nobody_on_call = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"], name="incident_unique_key"
            )
        ]
        indexes = [models.Index(fields=["site", "occurred_at"], name="incident_site_when")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} · {self.occurred_at:%d/%m/%Y}"

    @property
    def family(self) -> Family:
        return FAMILY_OF[self.type]


class InvolvementRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    AUTHOR = "author", _("Author")
    WITNESS = "witness", _("Witness")


class Involvement(TenantModel):
    """Someone involved: a person served, a worker (a user), or a description."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(_("involved as"), max_length=10, choices=InvolvementRole.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker"),
    )
    # Confidential, like the link: "a man of about 40, not from the house".
    description = models.CharField(_("description"), max_length=250, blank=True)

    site_path = "incident__site"

    class Meta:
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person__isnull=True, user__isnull=True, description=""),
                name="involvement_names_someone",
            )
        ]

    def __str__(self) -> str:
        who = self.person or self.user or self.description
        return f"{self.get_role_display()}: {who}"


class FollowUpAction(TenantModel):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions")
    debriefing = models.ForeignKey(
        "Debriefing", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    site_path = "incident__site"

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class StepKind(models.TextChoices):
    ALERTED = "alerted", _("Alerted")
    NOBODY_ON_CALL = "nobody_on_call", _("Nobody on call: the coordinators were alerted")
    ESCALATED = "escalated", _("Escalated")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class EscalationStep(TenantModel):
    """One timestamped step of an incident's alert: who was alerted, who acknowledged."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    level = models.PositiveSmallIntegerField(default=0)  # 0 on call, then each escalation
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    site_path = "incident__site"

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%H:%M:%S}"


class SiteIncidentSettings(TenantModel):
    """What a site decides about its incidents: the types that always alert the person on call."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="+")
    always_escalate = models.JSONField(
        _("types that always alert the person on call"), default=list
    )

    class Meta:
        verbose_name = _("incident settings")

    def __str__(self) -> str:
        return str(self.site)


# The time an anonymous declaration is written at: its day alone. Noon, not midnight, so that
# the date is the same read in local time or in UTC, and exists on every day (summer time).
ANONYMOUS_DECLARED_AT = time(12, 0)


def declared_day(moment: datetime) -> datetime:
    """Noon, local time, of the day `moment` falls on (local time)."""
    day = timezone.localtime(moment).date()
    return timezone.make_aware(datetime.combine(day, ANONYMOUS_DECLARED_AT))


# Below 2**53: an id stays exact in JSON and JavaScript.
DECLARATION_ID_LIMIT = 2**53
_id_source = secrets.SystemRandom()


def new_declaration_id() -> int:
    """A new declaration's id, drawn at random from [1, 2**53): in sequence, it would place
    an anonymous declaration between the named ones before and after it, to the minute."""
    return _id_source.randrange(1, DECLARATION_ID_LIMIT)


class Declaration(TenantModel):
    """One entry of the register of acts of violence by third parties (registre des faits
    de tiers, Code du bien-être au travail, book I title 3).

    The declarant is named only when she chooses to be: otherwise the row keeps no link
    to her — no user, no incident (whose author is known) — and nothing places it in time
    finer than its day: `declared_at` is the day's noon, and its audit row, naming nobody, is
    written after the day has ended, by the daily jobs (`audit_pending` until then). Its id,
    in its audit row and the exports, is drawn at random (`new_declaration_id`).
    """

    id = models.BigIntegerField(
        primary_key=True, default=new_declaration_id, editable=False, verbose_name="ID"
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    occurred_at = models.DateTimeField(_("when"))
    type = models.CharField(_("type"), max_length=30, choices=IncidentType.choices)
    # Confidential: the employer, the prevention advisor, the confidential person, the inspector.
    description = models.TextField(_("what happened"), max_length=5000)
    named = models.BooleanField(_("with my name"), default=False)
    declarant = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declarant"),
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Exact when named; an anonymous declaration's day alone (`declared_day`).
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)
    # An anonymous declaration's audit row is still to be written (`write_pending_audit_rows`).
    audit_pending = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("declaration of violence by a third party")
        verbose_name_plural = _("register of acts of violence by third parties")
        ordering = ["-occurred_at", "-declared_at", "-pk"]  # the ids are random
        constraints = [
            models.CheckConstraint(
                condition=models.Q(named=True)
                | models.Q(declarant__isnull=True, incident__isnull=True),
                name="declaration_anonymous_keeps_no_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} · {self.occurred_at:%d/%m/%Y}"


class Debriefing(TenantModel):
    """A debriefing session after one or more incidents: what happened, helped, should change."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    held_on = models.DateField(_("date"))
    incidents = models.ManyToManyField(
        Incident, related_name="debriefings", verbose_name=_("incidents")
    )
    participants = models.ManyToManyField(User, related_name="+", verbose_name=_("participants"))
    # Confidential, like the narrative: the site's coordination only.
    what_happened = models.TextField(_("what happened"), max_length=5000)
    what_helped = models.TextField(_("what helped"), max_length=5000, blank=True)
    what_to_change = models.TextField(_("what to change"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("debriefing")
        verbose_name_plural = _("debriefings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.held_on:%d/%m/%Y}"


class SupportKind(models.TextChoices):
    COORDINATION = "coordination", _("A talk with the coordination")
    CONFIDENTIAL_PERSON = "confidential_person", _("The confidential person")
    EXTERNAL = "external", _("An external service")


class OfferAnswer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SupportOffer(TenantModel):
    """The psycho-social follow-up offered to a worker after an aggression, and her answer:
    visible to her and to the site's coordination only."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="offers")
    worker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("worker")
    )
    kind = models.CharField(_("follow-up offered"), max_length=20, choices=SupportKind.choices)
    offered_at = models.DateTimeField(_("offered"), default=timezone.now)
    offered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=OfferAnswer.choices, default=OfferAnswer.PENDING
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    site_path = "incident__site"

    class Meta:
        verbose_name = _("follow-up offer")
        verbose_name_plural = _("follow-up offers")
        ordering = ["-offered_at", "-pk"]

    def __str__(self) -> str:
        return self.get_kind_display()
