"""The shapes of the community API: the public programme (no personal data), counts in."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from coordo.access.ids import Id
from coordo.access.languages import Language
from coordo.api.input import Input
from coordo.community.models import AgeBand, Attendance, ContactSex, Given, Need, OutreachContact
from coordo.community.queries import Scheduled

Count = Annotated[int, Field(ge=0, le=10_000)]


class PublicActivityOut(Schema):
    id: Id
    title: str
    description: str
    place: str
    accessibility: str
    languages: list[str]
    capacity: int | None


class PublicOccurrenceOut(Schema):
    activity_id: Id
    title: str
    place: str
    starts: datetime  # with its offset: Europe/Brussels wall-clock time
    ends: datetime
    cancelled: bool
    moved: bool


def occurrence_out(item: Scheduled) -> PublicOccurrenceOut:
    activity, occurrence = item.activity, item.occurrence
    return PublicOccurrenceOut(
        activity_id=activity.pk,
        title=activity.title,
        place=activity.place,
        starts=occurrence.starts,
        ends=occurrence.ends,
        cancelled=occurrence.cancelled,
        moved=occurrence.moved,
    )


class AttendanceIn(Input):
    occurrence_date: date
    total: Count
    participants: Count = 0
    neighbours: Count = 0
    residents: Count = 0
    children: Count = 0
    partner_workers: Count = 0
    first_visits: Count = 0
    over_capacity_confirmed: bool = False


class AttendanceOut(Schema):
    id: Id
    activity_id: Id
    occurrence_date: date
    total: int
    participants: int
    neighbours: int
    residents: int
    children: int
    partner_workers: int
    first_visits: int

    @staticmethod
    def of(row: Attendance) -> AttendanceOut:
        return AttendanceOut.model_validate(row, from_attributes=True)


class ContactIn(Input):
    """An anonymous contact: the API names nobody (a linked person is for the pages)."""

    age_band: AgeBand = AgeBand.UNKNOWN
    sex: ContactSex = ContactSex.WOMAN
    languages: Annotated[list[Language], Field(max_length=10)] = []
    needs: Annotated[list[Need], Field(max_length=10)] = []
    given: Annotated[list[Given], Field(max_length=10)] = []


class ContactOut(Schema):
    id: Id
    round_id: Id
    age_band: str
    sex: str
    languages: list[str]
    needs: list[str]
    given: list[str]

    @staticmethod
    def of(row: OutreachContact) -> ContactOut:
        return ContactOut.model_validate(row, from_attributes=True)
