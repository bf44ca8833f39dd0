"""The declarative catalogue of incident types: three families, each type translated.

Violence against a resident uses the six GBVIMS core types; the GBVIMS case context
(who the author is to the survivor) is a separate field of the report, not a type.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Family(models.TextChoices):
    RESIDENT = "resident", _("Violence against a resident or a person served")
    WORKER = "worker", _("Aggression against a worker or volunteer")
    HOUSE = "house", _("Event of the house")


class IncidentType(models.TextChoices):
    # GBVIMS core types
    RAPE = "rape", _("Rape")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    DENIAL_OF_RESOURCES = "denial_of_resources", _("Denial of resources, opportunities or services")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological or emotional abuse")
    # aggression against a worker or volunteer
    VERBAL_ABUSE = "verbal_abuse", _("Verbal abuse")
    THREAT = "threat", _("Threat")
    INTIMIDATION = "intimidation", _("Intimidation")
    PHYSICAL_AGGRESSION = "physical_aggression", _("Physical aggression")
    SEXUAL_HARASSMENT = "sexual_harassment", _("Sexual harassment")
    DISCRIMINATION = "discrimination", _("Discrimination")
    DAMAGE_TO_BELONGINGS = "damage_to_belongings", _("Damage to belongings")
    # events of the house
    MEDICAL_EMERGENCY = "medical_emergency", _("Medical emergency")
    OVERDOSE = "overdose", _("Overdose")
    SELF_HARM = "self_harm", _("Self-harm")
    FIRE_OR_EVACUATION = "fire_or_evacuation", _("Fire or evacuation")
    POLICE_INTERVENTION = "police_intervention", _("Police intervention")
    MISSING_RESIDENT = "missing_resident", _("Missing resident")
    MISSING_CHILD = "missing_child", _("Missing child")
    PROPERTY_DAMAGE = "property_damage", _("Property damage")


FAMILY_OF: dict[str, Family] = {
    **dict.fromkeys(
        [
            IncidentType.RAPE,
            IncidentType.SEXUAL_ASSAULT,
            IncidentType.PHYSICAL_ASSAULT,
            IncidentType.FORCED_MARRIAGE,
            IncidentType.DENIAL_OF_RESOURCES,
            IncidentType.PSYCHOLOGICAL_ABUSE,
        ],
        Family.RESIDENT,
    ),
    **dict.fromkeys(
        [
            IncidentType.VERBAL_ABUSE,
            IncidentType.THREAT,
            IncidentType.INTIMIDATION,
            IncidentType.PHYSICAL_AGGRESSION,
            IncidentType.SEXUAL_HARASSMENT,
            IncidentType.DISCRIMINATION,
            IncidentType.DAMAGE_TO_BELONGINGS,
        ],
        Family.WORKER,
    ),
    **dict.fromkeys(
        [
            IncidentType.MEDICAL_EMERGENCY,
            IncidentType.OVERDOSE,
            IncidentType.SELF_HARM,
            IncidentType.FIRE_OR_EVACUATION,
            IncidentType.POLICE_INTERVENTION,
            IncidentType.MISSING_RESIDENT,
            IncidentType.MISSING_CHILD,
            IncidentType.PROPERTY_DAMAGE,
        ],
        Family.HOUSE,
    ),
}


class GbvContext(models.TextChoices):
    """GBVIMS case context: who the alleged author is to the survivor."""

    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner or former partner")
    FAMILY = "family", _("Family member")
    OTHER_RESIDENT = "other_resident", _("Other resident")
    STAFF = "staff", _("Staff or volunteer")
    STRANGER = "stranger", _("Stranger")
    OTHER = "other", _("Other or unknown")


class Severity(models.IntegerChoices):
    MINOR = 1, _("1 — minor: nobody hurt, handled on the spot")
    SERIOUS = 2, _("2 — serious: needs a follow-up")
    SEVERE = 3, _("3 — severe: someone hurt or in danger")
    CRITICAL = 4, _("4 — critical: a life at risk, emergency services")


ESCALATING_SEVERITY = Severity.SEVERE  # from this severity on, the person on call is alerted


def grouped_types() -> list[tuple[str, list[tuple[str, str]]]]:
    """The type choices grouped by family, for a select with optgroups."""
    return [
        (
            str(family.label),
            [(t.value, str(t.label)) for t in IncidentType if FAMILY_OF[t] == family],
        )
        for family in Family
    ]
