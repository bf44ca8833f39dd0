"""The programme: proposals anyone on the team enters, the coordination accepts and publishes."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.community import recurrence
from coordo.community.models import (
    Activity,
    ActivityStatus,
    CommunitySettings,
    OccurrenceChange,
    ProposerKind,
)
from coordo.partners.models import Partner

# What a proposal or an edit may set; status and who accepted are the flow's.
FIELDS = (
    "title",
    "description",
    "proposer_kind",
    "proposer_name",
    "proposer_user",
    "proposer_partner",
    "place",
    "capacity",
    "accessibility",
    "languages",
    "starts_on",
    "start_time",
    "end_time",
    "recurrence",
)


def _check_proposer(
    organisation_id: int,
    kind: str,
    name: str,
    user: User | None,
    partner: Partner | None,
) -> None:
    if kind == ProposerKind.PARTICIPANT and not name.strip():
        raise ValidationError({"proposer_name": _("Give her first name or a pseudonym.")})
    if kind == ProposerKind.HOST and user is None:
        raise ValidationError({"proposer_user": _("Choose the host who proposes it.")})
    if kind == ProposerKind.PARTNER and (
        partner is None or partner.organisation_id != organisation_id
    ):
        raise ValidationError({"proposer_partner": _("Choose the partner association.")})


def _fill(activity: Activity, values: dict[str, Any]) -> Activity:
    values = dict(values)
    values["recurrence"] = recurrence.normalised(values.get("recurrence") or "")
    kind = values["proposer_kind"]
    # Only the proposer the kind names is kept: no host's name under a participant's idea.
    if kind != ProposerKind.PARTICIPANT:
        values["proposer_name"] = ""
    if kind != ProposerKind.HOST:
        values["proposer_user"] = None
    if kind != ProposerKind.PARTNER:
        values["proposer_partner"] = None
    _check_proposer(
        activity.organisation_id,
        kind,
        values.get("proposer_name", ""),
        values.get("proposer_user"),
        values.get("proposer_partner"),
    )
    recurrence.check(
        values["starts_on"], values["start_time"], values["end_time"], values["recurrence"]
    )
    for name in FIELDS:
        if name in values:
            setattr(activity, name, values[name])
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def propose_activity(site: Site, *, by: Principal, **values: Any) -> Activity:
    """Enter an idea (a participant's, a host's, a partner's) as a proposal for the programme."""
    by.require(Perm.ACTIVITY_PROPOSE, site.pk)
    activity = Activity(
        organisation_id=site.organisation_id,
        site=site,
        status=ActivityStatus.PROPOSED,
        created_by_id=by.user_id,
    )
    return _fill(activity, values)


@transaction.atomic
def update_activity(activity: Activity, *, by: Principal, **values: Any) -> Activity:
    by.require(Perm.PROGRAMME_EDIT, activity.site_id)
    return _fill(activity, values)


def _move(activity: Activity, allowed_from: set[Any], to: str, by: Principal) -> Activity:
    by.require(Perm.PROGRAMME_EDIT, activity.site_id)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            {"status": _("This activity is %(status)s.") % {"status": locked.get_status_display()}}
        )
    locked.status = to
    if to == ActivityStatus.ACCEPTED:
        locked.accepted_by_id = by.user_id
    locked.save(update_fields=["status", "accepted_by"])
    activity.status, activity.accepted_by_id = locked.status, locked.accepted_by_id
    return activity


@transaction.atomic
def accept_activity(activity: Activity, *, by: Principal) -> Activity:
    """The coordinator (or the hosts' meeting, through her) takes a proposal into the programme."""
    return _move(activity, {ActivityStatus.PROPOSED, ActivityStatus.WITHDRAWN}, "accepted", by)


@transaction.atomic
def publish_activity(activity: Activity, *, by: Principal) -> Activity:
    """Shown on the public programme and its calendar feed, when the site's is public."""
    return _move(activity, {ActivityStatus.ACCEPTED}, ActivityStatus.PUBLISHED, by)


@transaction.atomic
def withdraw_activity(activity: Activity, *, by: Principal) -> Activity:
    allowed = {ActivityStatus.PROPOSED, ActivityStatus.ACCEPTED, ActivityStatus.PUBLISHED}
    return _move(activity, allowed, ActivityStatus.WITHDRAWN, by)


def _is_occurrence(activity: Activity, day: date) -> None:
    if day not in recurrence.occurrence_dates(
        activity.starts_on, activity.start_time, activity.recurrence, day, day
    ):
        raise ValidationError({"original_date": _("The activity does not take place that day.")})


def _change(activity: Activity, day: date, **values: Any) -> OccurrenceChange:
    change, _created = OccurrenceChange.objects.update_or_create(
        activity=activity,
        original_date=day,
        defaults={"organisation_id": activity.organisation_id, **values},
    )
    return change


@transaction.atomic
def cancel_occurrence(
    activity: Activity, *, original_date: date, by: Principal
) -> OccurrenceChange:
    by.require(Perm.PROGRAMME_EDIT, activity.site_id)
    _is_occurrence(activity, original_date)
    return _change(
        activity, original_date, cancelled=True, moved_to=None, start_time=None, end_time=None
    )


@transaction.atomic
def move_occurrence(
    activity: Activity,
    *,
    original_date: date,
    moved_to: date,
    start_time: time | None = None,
    end_time: time | None = None,
    by: Principal,
) -> OccurrenceChange:
    """Move one occurrence to another day (and time, if given); the others stay."""
    by.require(Perm.PROGRAMME_EDIT, activity.site_id)
    _is_occurrence(activity, original_date)
    if (end_time or activity.end_time) <= (start_time or activity.start_time):
        raise ValidationError({"end_time": _("The end must come after the start.")})
    return _change(
        activity,
        original_date,
        cancelled=False,
        moved_to=moved_to,
        start_time=start_time,
        end_time=end_time,
    )


@transaction.atomic
def restore_occurrence(activity: Activity, *, original_date: date, by: Principal) -> None:
    """Undo a cancellation or a move: the occurrence takes place as the rule says."""
    by.require(Perm.PROGRAMME_EDIT, activity.site_id)
    OccurrenceChange.objects.filter(activity=activity, original_date=original_date).delete()


@transaction.atomic
def set_public_programme(site: Site, *, public_programme: bool, by: Principal) -> CommunitySettings:
    by.require(Perm.PROGRAMME_EDIT, site.pk)
    settings, _created = CommunitySettings.objects.update_or_create(
        site=site,
        defaults={"organisation_id": site.organisation_id, "public_programme": public_programme},
    )
    return settings
