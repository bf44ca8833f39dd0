"""Multidisciplinary case meetings (PMS): the writes, with the rules of the case files.

Meetings belong to a site; its case team writes them, and the case team and medical
staff of the site read them (they sit at the same table).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.models import CaseMeeting, MeetingAction
from coordo.people.models import Person


@transaction.atomic
def record_meeting(
    *,
    site: Site,
    held_on: date,
    participants: str,
    persons: Iterable[Person],
    by: Principal,
) -> CaseMeeting:
    by.require(Perm.CASE_EDIT, site.pk)
    persons = list(persons)
    if not persons:
        raise ValidationError({"persons": _("Choose at least one person discussed.")})
    if any(person.site_id != site.pk for person in persons):
        raise ValidationError({"persons": _("Only persons of this site can be discussed here.")})
    meeting = CaseMeeting(
        organisation_id=site.organisation_id,
        site=site,
        held_on=held_on,
        participants=participants,
        created_by_id=by.named_worker_id(),
    )
    writes.save_new(meeting, by=by)
    meeting.persons.set(persons)
    return meeting


@transaction.atomic
def add_meeting_action(
    meeting: CaseMeeting,
    *,
    description: str,
    owner: str,
    due_date: date,
    by: Principal,
) -> MeetingAction:
    by.require(Perm.CASE_EDIT, meeting.site_id)
    action = MeetingAction(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        description=description,
        owner=owner,
        due_date=due_date,
    )
    return writes.save_new(action, by=by, site_id=meeting.site_id)
