"""The report templates Coordo ships; a coordinator copies one to her site and edits it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coordo.reports.models import PeriodKind, SectionKind

TABLE, CHART, COMPARISON, NARRATIVE, YEARS = (
    SectionKind.TABLE,
    SectionKind.CHART,
    SectionKind.COMPARISON,
    SectionKind.NARRATIVE,
    SectionKind.YEARS,
)


@dataclass(frozen=True)
class ShippedSection:
    kind: str
    title: Promise
    indicators: tuple[str, ...] = ()
    breakdown: str = ""
    text: Promise | str = ""


@dataclass(frozen=True)
class ShippedTemplate:
    key: str
    title: Promise
    description: Promise
    period_kind: str
    sections: tuple[ShippedSection, ...]


HOUSING_KEY = (
    "housing.persons",
    "housing.households",
    "housing.nights",
    "housing.occupancy_rate",
    "housing.length_average",
    "housing.length_median",
)

DROP_IN_KEY = (
    "community.attendance",
    "community.activities_held",
    "community.meetings",
    "community.decisions",
    "planning.volunteer_hours",
)

SHIPPED: tuple[ShippedTemplate, ...] = (
    ShippedTemplate(
        "transitional_house_annual",
        _("Transitional house: annual activity report"),
        _(
            "Persons and households hosted, nights, occupancy, length of stay, profiles, exit destinations, accompaniment."
        ),
        PeriodKind.YEAR,
        (
            ShippedSection(
                NARRATIVE, _("The year in a few words"), text=_("To be written by the team.")
            ),
            ShippedSection(
                TABLE,
                _("Key figures"),
                HOUSING_KEY + ("housing.entries", "housing.exits", "housing.capacity_nights"),
            ),
            ShippedSection(CHART, _("Nights per month"), ("housing.nights",), "month"),
            ShippedSection(TABLE, _("Persons hosted by age"), ("housing.persons",), "age"),
            ShippedSection(TABLE, _("Persons hosted by sex"), ("housing.persons",), "sex"),
            ShippedSection(TABLE, _("Households by type"), ("housing.households",), "household"),
            ShippedSection(CHART, _("Exit destinations"), ("housing.exits",), "destination"),
            ShippedSection(
                TABLE,
                _("Accompaniment work"),
                ("casework.requests", "casework.referrals", "casework.referral_answer_days"),
            ),
            ShippedSection(TABLE, _("Partners"), ("casework.referrals",), "partner"),
            ShippedSection(COMPARISON, _("Compared with the previous year"), HOUSING_KEY),
            ShippedSection(NARRATIVE, _("Outlook"), text=_("To be written by the team.")),
        ),
    ),
    ShippedTemplate(
        "shelter_quarterly",
        _("Shelter and front desk: quarterly report"),
        _(
            "Requests and their outcomes, referrals by partner and their follow-up times, nights, incidents."
        ),
        PeriodKind.QUARTER,
        (
            ShippedSection(TABLE, _("Requests at the front desk"), ("casework.requests",), "kind"),
            ShippedSection(TABLE, _("Outcomes"), ("casework.requests",), "outcome"),
            ShippedSection(
                TABLE,
                _("Referrals by partner"),
                ("casework.referrals", "casework.referral_answer_days"),
                "partner",
            ),
            ShippedSection(TABLE, _("Referrals by status"), ("casework.referrals",), "status"),
            ShippedSection(CHART, _("Nights per month"), ("housing.nights",), "month"),
            ShippedSection(
                TABLE,
                _("Incidents by severity"),
                (
                    "incidents.reported",
                    "incidents.ack_median_minutes",
                    "incidents.ack_p90_minutes",
                    "incidents.open_actions",
                ),
                "severity",
            ),
            ShippedSection(TABLE, _("Incidents by type"), ("incidents.reported",), "incident_type"),
            ShippedSection(
                COMPARISON,
                _("Compared with the previous quarter"),
                ("casework.requests", "casework.referrals", "housing.nights", "incidents.reported"),
            ),
            ShippedSection(NARRATIVE, _("Comments"), text=_("To be written by the team.")),
        ),
    ),
    ShippedTemplate(
        "drop_in_activity",
        _("Drop-in: activity report"),
        _(
            "Attendance and activities held, assemblies and their decisions, outreach, the team's presence and volunteers' hours."
        ),
        PeriodKind.YEAR,
        (
            ShippedSection(
                NARRATIVE, _("The year in a few words"), text=_("To be written by the team.")
            ),
            ShippedSection(TABLE, _("Key figures"), DROP_IN_KEY + ("community.first_visits",)),
            ShippedSection(CHART, _("Attendance per month"), ("community.attendance",), "month"),
            ShippedSection(TABLE, _("Who came"), ("community.attendance",), "category"),
            ShippedSection(
                TABLE,
                _("Activities"),
                ("community.activities_held", "community.attendance"),
                "activity",
            ),
            ShippedSection(
                TABLE,
                _("Governance: assemblies and meetings"),
                ("community.meetings", "community.meeting_attendance"),
                "meeting_kind",
            ),
            ShippedSection(
                TABLE, _("Governance: decisions taken"), ("community.decisions",), "status"
            ),
            ShippedSection(
                TABLE,
                _("Outreach"),
                (
                    "community.outreach_rounds",
                    "community.outreach_contacts",
                    "community.orientations",
                    "community.oriented_requests",
                ),
            ),
            ShippedSection(
                TABLE,
                _("Presence of the team"),
                ("planning.shifts", "planning.hours", "planning.volunteer_hours"),
            ),
            ShippedSection(CHART, _("Hours by kind of worker"), ("planning.hours",), "worker_kind"),
            ShippedSection(COMPARISON, _("Compared with the previous year"), DROP_IN_KEY),
            ShippedSection(
                NARRATIVE, _("Activities and governance"), text=_("To be written by the team.")
            ),
        ),
    ),
    ShippedTemplate(
        "arrival_centre_indicators",
        _("Arrival centre: indicators"),
        _("Arrivals, dispatch decisions and overrides, waiting at the centre."),
        PeriodKind.QUARTER,
        (
            ShippedSection(TABLE, _("Arrivals"), ("dispatch.arrivals",), "status"),
            ShippedSection(CHART, _("Arrivals per month"), ("dispatch.arrivals",), "month"),
            ShippedSection(
                TABLE, _("Dispatch"), ("dispatch.decisions", "dispatch.waiting_days"), "outcome"
            ),
            ShippedSection(
                TABLE, _("Overrides by reason (fairness)"), ("dispatch.overrides",), "reason"
            ),
            ShippedSection(
                COMPARISON,
                _("Compared with the previous quarter"),
                ("dispatch.arrivals", "dispatch.decisions", "dispatch.waiting_days"),
            ),
            ShippedSection(NARRATIVE, _("Comments"), text=_("To be written by the team.")),
        ),
    ),
    ShippedTemplate(
        "grant_pack",
        _("Grant application pack"),
        _("The key figures of the last three years and a one-page profile of the service."),
        PeriodKind.YEAR,
        (
            ShippedSection(
                NARRATIVE,
                _("Profile of the service"),
                text=_("Mission, public, team, partners: one page."),
            ),
            ShippedSection(
                TABLE,
                _("Key figures of the year"),
                HOUSING_KEY + ("casework.requests", "casework.referrals"),
            ),
            ShippedSection(
                YEARS,
                _("Key figures of the last three years"),
                HOUSING_KEY + ("casework.requests",),
            ),
            ShippedSection(CHART, _("Nights per month"), ("housing.nights",), "month"),
        ),
    ),
)

BY_KEY = {template.key: template for template in SHIPPED}
