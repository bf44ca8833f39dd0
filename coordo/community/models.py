"""Community life: the activity programme, its occurrences and their anonymous attendance.

An activity starts on a local date and time in Europe/Brussels and may recur by an RFC 5545
RRULE; its occurrences are expanded in local wall-clock time, so a weekly Tuesday 14:00
stays at 14:00 across the changes to and from summer time. An exception cancels or moves
one occurrence. Attendance is counted, never named.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, by_user
from coordo.access.tenancy import TenantModel
from coordo.partners.models import Partner


class CommunitySettings(TenantModel):
    """A site's community settings: whether its programme is published to the world."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="community_settings", verbose_name=_("site")
    )
    public_programme = models.BooleanField(
        _("public programme"),
        default=False,
        help_text=_("Published activities are shown on a public page and calendar feed."),
    )

    class Meta:
        verbose_name = _("community settings")
        verbose_name_plural = _("community settings")

    def __str__(self) -> str:
        return str(self.site)


class ProposerKind(models.TextChoices):
    PARTICIPANT = "participant", _("A participant (first name or pseudonym)")
    HOST = "host", _("A host of the team")
    PARTNER = "partner", _("A partner association")


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Activity(TenantModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="activities", verbose_name=_("site")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    proposer_kind = models.CharField(_("proposed by"), max_length=20, choices=ProposerKind.choices)
    # A participant is named by a first name or pseudonym only: no Person, no file.
    proposer_name = models.CharField(_("first name or pseudonym"), max_length=60, blank=True)
    proposer_user = by_user(optional=True, verbose_name=_("host"))
    proposer_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner association"),
    )
    place = models.CharField(_("place"), max_length=150, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=250, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    starts_on = models.DateField(_("first date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    recurrence = models.CharField(
        _("recurrence (RRULE)"),
        max_length=250,
        blank=True,
        help_text=_("Empty for a one-off activity."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    created_by = by_user(optional=True)
    accepted_by = by_user(optional=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "start_time", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class OccurrenceChange(TenantModel):
    """One occurrence cancelled, or moved to another day or time."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="changes", verbose_name=_("activity")
    )
    original_date = models.DateField(_("date of the occurrence"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    moved_to = models.DateField(_("moved to"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)

    site_path = "activity__site"

    class Meta:
        verbose_name = _("occurrence change")
        verbose_name_plural = _("occurrence changes")
        ordering = ["original_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "original_date"], name="occurrence_change_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.original_date}"


class Attendance(TenantModel):
    """How many came to one occurrence, by broad category: counts only, never a name."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("activity")
    )
    occurrence_date = models.DateField(_("date of the occurrence"))
    total = models.PositiveIntegerField(_("total"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    neighbours = models.PositiveIntegerField(_("neighbours"), default=0)
    residents = models.PositiveIntegerField(_("residents"), default=0)
    children = models.PositiveIntegerField(_("children"), default=0)
    partner_workers = models.PositiveIntegerField(_("partners' workers"), default=0)
    first_visits = models.PositiveIntegerField(_("first visits"), default=0)
    recorded_by = by_user(optional=True)

    site_path = "activity__site"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["-occurrence_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "occurrence_date"], name="attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.occurrence_date}: {self.total}"


CATEGORIES = ("participants", "neighbours", "residents", "children", "partner_workers")


# Assemblies and meetings, the decisions log, the house rules.


class MeetingKind(models.TextChoices):
    ASSEMBLY = "assembly", _("Participatory assembly")
    HOSTS = "hosts", _("Hosts' meeting")
    RESIDENTS = "residents", _("Residents' meeting")


class Meeting(TenantModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("site")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150, blank=True)
    # Counted, not named: only team members present are named (below).
    attendance = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    team_present = models.ManyToManyField(
        "access.User", related_name="+", blank=True, verbose_name=_("team members present")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = by_user(optional=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class AgendaItem(TenantModel):
    """Anyone may put an item on the agenda in advance, under a first name or pseudonym."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    title = models.CharField(_("item"), max_length=250)
    proposed_by = models.CharField(_("proposed by"), max_length=60, blank=True)
    created_by = by_user(optional=True)

    site_path = "meeting__site"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class DecisionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
    REPLACED = "replaced", _("Replaced by a later decision")


class Decision(TenantModel):
    """One line of the place's memory: what was decided, by which meeting, who carries it."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("site")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    text = models.TextField(_("decision"))
    carried_by = models.CharField(_("carried by"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.TODO
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    created_by = by_user(optional=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="replaced", replaced_by__isnull=False)
                    | (~models.Q(status="replaced") & models.Q(replaced_by__isnull=True))
                ),
                name="decision_replaced_names_its_successor",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class RulesVersion(TenantModel):
    """One version of the house rules (the "cadre", the charter): the decision that made it."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="rules_versions", verbose_name=_("site")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"))
    in_force_from = models.DateField(_("in force from"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="+", verbose_name=_("decision")
    )
    created_by = by_user(optional=True)

    class Meta:
        verbose_name = _("house rules version")
        verbose_name_plural = _("house rules versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="rules_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


# Outreach rounds (maraudes) and the day centre.


class OutreachRound(TenantModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="outreach_rounds", verbose_name=_("site")
    )
    held_on = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    area = models.CharField(_("area or place"), max_length=150)
    team = models.ManyToManyField(
        "access.User", related_name="+", blank=True, verbose_name=_("team members")
    )
    created_by = by_user(optional=True)

    class Meta:
        verbose_name = _("outreach round")
        verbose_name_plural = _("outreach rounds")
        ordering = ["-held_on", "-start_time"]

    def __str__(self) -> str:
        return f"{self.area} {self.held_on:%d/%m/%Y}"


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    YOUNG = "18_25", _("18 to 25")
    ADULT = "26_45", _("26 to 45")
    OLDER = "46_65", _("46 to 65")
    SENIOR = "over_65", _("Over 65")
    UNKNOWN = "unknown", _("Not known")


class ContactSex(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not said")


class Need(models.TextChoices):
    SHELTER = "shelter", _("A bed tonight")
    FOOD = "food", _("Food")
    HYGIENE = "hygiene", _("Hygiene")
    HEALTH = "health", _("Health")
    SAFETY = "safety", _("Safety")
    PAPERS = "papers", _("Papers, rights")


class Given(models.TextChoices):
    FOOD = "food", _("Food")
    HYGIENE_KIT = "hygiene_kit", _("Hygiene kit")
    INFORMATION = "information", _("Information")
    ORIENTATION = "orientation", _("Orientation")


class OutreachContact(TenantModel):
    """One person met: anonymous, or a known Person when she agrees to be named."""

    round = models.ForeignKey(
        OutreachRound, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("round")
    )
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    sex = models.CharField(
        _("sex"), max_length=10, choices=ContactSex.choices, default=ContactSex.WOMAN
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    given = models.JSONField(_("what was given"), default=list, blank=True)
    # Optional, so not `person_key`: most contacts stay anonymous.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_contacts",
        verbose_name=_("person"),
    )
    # The front-desk request this contact was oriented to (casework's; it may be purged).
    request = models.ForeignKey(
        "casework.Request",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("front-desk request"),
    )
    # When she withdraws her outreach consent, the links to her and to her request are
    # cleared; what the figures counted of them stays, so the months' figures do not change.
    unlinked_on = models.DateField(_("no longer named since"), null=True, blank=True)
    had_request = models.BooleanField(_("a front-desk request was opened"), default=False)
    was_placed = models.BooleanField(_("placed before the withdrawal"), default=False)
    created_by = by_user(optional=True)

    site_path = "round__site"

    class Meta:
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class DayCentreCount(TenantModel):
    """A day at the women's space of the day centre: how many came, what they used. No names."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="day_centre_counts", verbose_name=_("site")
    )
    day = models.DateField(_("day"))
    women = models.PositiveIntegerField(_("women"))
    children = models.PositiveIntegerField(_("children"), default=0)
    first_visits = models.PositiveIntegerField(_("first visits"), default=0)
    meals = models.PositiveIntegerField(_("meals"), default=0)
    showers = models.PositiveIntegerField(_("showers"), default=0)
    laundry = models.PositiveIntegerField(_("laundry"), default=0)
    rest = models.PositiveIntegerField(_("rest"), default=0)
    recorded_by = by_user(optional=True)

    class Meta:
        verbose_name = _("day-centre count")
        verbose_name_plural = _("day-centre counts")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="day_centre_unique")]

    def __str__(self) -> str:
        return f"{self.site} {self.day}"


DAY_CENTRE_COUNTS = ("women", "children", "first_visits", "meals", "showers", "laundry", "rest")
