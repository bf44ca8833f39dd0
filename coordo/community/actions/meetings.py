"""Assemblies and meetings, their agenda and decisions, and the versions of the house rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.community.models import AgendaItem, Decision, DecisionStatus, Meeting, RulesVersion


@transaction.atomic
def create_meeting(site: Site, *, team_present: Any = (), by: Principal, **values: Any) -> Meeting:
    by.require(Perm.MEETING_EDIT, site.pk)
    meeting = Meeting(
        organisation_id=site.organisation_id, site=site, created_by_id=by.user_id, **values
    )
    meeting.full_clean()
    meeting.save()
    meeting.team_present.set(team_present)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting, *, team_present: Any = (), by: Principal, **values: Any
) -> Meeting:
    """The minutes, the count of people present, the team members who were there."""
    by.require(Perm.MEETING_EDIT, meeting.site_id)
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    meeting.team_present.set(team_present)
    return meeting


@transaction.atomic
def propose_agenda_item(
    meeting: Meeting, *, title: str, proposed_by: str = "", by: Principal
) -> AgendaItem:
    """Anyone on the team puts an item on the agenda, for her or for a participant."""
    by.require(Perm.ACTIVITY_PROPOSE, meeting.site_id)
    if not title.strip():
        raise ValidationError({"title": _("Say what the item is about.")})
    item = AgendaItem(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        title=title.strip(),
        proposed_by=proposed_by.strip(),
        created_by_id=by.user_id,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def record_decision(
    meeting: Meeting,
    *,
    text: str,
    carried_by: str = "",
    review_on: date | None = None,
    replaces: Decision | None = None,
    by: Principal,
) -> Decision:
    """A decision of this meeting; one it replaces is marked replaced and links to it."""
    by.require(Perm.MEETING_EDIT, meeting.site_id)
    if not text.strip():
        raise ValidationError({"text": _("Write the decision.")})
    if review_on is not None and review_on < meeting.held_on:
        raise ValidationError({"review_on": _("The review comes after the meeting.")})
    decision = Decision(
        organisation_id=meeting.organisation_id,
        site_id=meeting.site_id,
        meeting=meeting,
        text=text.strip(),
        carried_by=carried_by,
        review_on=review_on,
        created_by_id=by.user_id,
    )
    decision.full_clean()
    decision.save()
    if replaces is not None:
        earlier = Decision.objects.select_for_update().get(pk=replaces.pk)
        if earlier.site_id != meeting.site_id:
            raise ValidationError({"replaces": _("Choose a decision of this site.")})
        if earlier.status == DecisionStatus.REPLACED:
            raise ValidationError({"replaces": _("That decision was already replaced.")})
        earlier.status, earlier.replaced_by = DecisionStatus.REPLACED, decision
        earlier.save(update_fields=["status", "replaced_by"])
    return decision


@transaction.atomic
def set_decision_status(decision: Decision, *, status: str, by: Principal) -> Decision:
    """To do, done or dropped; "replaced" is said by the decision that replaces it."""
    by.require(Perm.MEETING_EDIT, decision.site_id)
    if status == DecisionStatus.REPLACED or status not in DecisionStatus.values:
        raise ValidationError({"status": _("Record the decision that replaces it instead.")})
    if decision.status == DecisionStatus.REPLACED:
        raise ValidationError({"status": _("A replaced decision stays replaced.")})
    decision.status = status
    decision.save(update_fields=["status"])
    return decision


@transaction.atomic
def add_rules_version(
    site: Site,
    *,
    title: str,
    text: str,
    in_force_from: date,
    decision: Decision,
    by: Principal,
) -> RulesVersion:
    """A new version of the house rules, changed by `decision` of one of the site's meetings."""
    by.require(Perm.MEETING_EDIT, site.pk)
    if decision.site_id != site.pk:
        raise ValidationError({"decision": _("Choose a decision of this site.")})
    if in_force_from < decision.meeting.held_on:
        raise ValidationError(
            {"in_force_from": _("A version comes into force on or after the decision.")}
        )
    Site.objects.select_for_update().get(pk=site.pk)  # one number per version, even at once
    last = RulesVersion.objects.filter(site=site).aggregate(last=Max("number"))["last"] or 0
    version = RulesVersion(
        organisation_id=site.organisation_id,
        site=site,
        number=last + 1,
        title=title,
        text=text,
        in_force_from=in_force_from,
        decision=decision,
        created_by_id=by.user_id,
    )
    version.full_clean()
    version.save()
    return version
