"""How long the dispatch app keeps arrivals and their screenings."""

from django.utils.translation import gettext_lazy as _

from coordo.retention import Action, Rule

RULES = (
    Rule(
        "medical_details",
        _("Medical details of a screening"),
        "dispatch.MedicalScreening",
        Action.ANONYMISE,
        # GDPR art. 9(2)(h), 5(1)(c): the details serve the choice of a place only; the
        # needs (medical place, access) stay for the fairness figures. To be confirmed by
        # the DPO.
        _("Details kept 1 year after the screening, then erased; the needs stay."),
        years=1,
        starts="screened_at",
        persons=("arrival__household__members__person",),
        fields={"details": ""},
        order=40,
    ),
    Rule(
        "social_screenings",
        _("Social screenings"),
        "dispatch.SocialScreening",
        Action.PURGE,
        # Vulnerabilities are special-category data (art. 9); 5 years as for the social file.
        _("Kept 5 years after the screening, then deleted."),
        years=5,
        starts="screened_at",
        persons=("arrival__household__members__person",),
        order=41,
    ),
    Rule(
        "arrivals",
        _("Arrivals"),
        "dispatch.Arrival",
        Action.KEPT,
        # The dispatch decisions (proposals, overrides) point at the arrival and are the
        # record of how places were allocated (art. 5(2), accountability).
        _("Kept: it names no one itself, its household is anonymised by the people rules."),
        order=42,
    ),
)
