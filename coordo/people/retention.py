"""How long the people app keeps a person's identity, her household and her consents."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordo.retention import Action, Rule

# A person is anonymised, never deleted: stays, requests and audit rows point at her, and
# the figures count her. Her identity goes once nothing that justified it remains: none of
# the records that point at her (`KEEPING`).
KEEPING = ("case_files", "requests", "referrals", "headed_stays", "occupancies", "place_requests")
NOTHING_LEFT = Q(**{f"{records}__isnull": True for records in KEEPING})

RULES = (
    Rule(
        "person_identity",
        _("Identity of a person with no record left"),
        "people.Person",
        Action.ANONYMISE,
        # GDPR art. 5(1)(e), 6(1)(e): needed only while a record about her is; the 5 years
        # follow the longest period below. To be confirmed by the DPO.
        _("Kept 5 years after the last change, once no case file, stay or request remains."),
        years=5,
        starts="updated_at",
        where=NOTHING_LEFT,
        persons=("",),
        fields={
            "first_name": "",
            "last_name": "",
            "search_name": "",
            "birth_date": None,
            "gender": "",
            "nationality": "",
            "languages": [],
            "phone": "",
            "national_number": "",
        },
        covers=("people.HouseholdMember",),  # the membership says nothing once she is anonymous
        order=90,
    ),
    Rule(
        "household_name",
        _("Name of a household with no stay left"),
        "people.Household",
        Action.ANONYMISE,
        # The household's name is usually the family name (art. 5(1)(c), minimisation).
        _("Kept 5 years after it was created, once no stay remains."),
        years=5,
        starts="created_at",
        where=Q(stays__isnull=True),
        persons=("head", "members__person"),
        fields={"name": ""},
        order=91,
    ),
    Rule(
        "consents",
        _("Consents given or refused"),
        "people.ConsentRecord",
        Action.KEPT,
        # GDPR art. 7(1): the controller must be able to show that consent was given.
        _("Kept as long as the person's record, as proof of consent (GDPR art. 7(1))."),
        order=92,
    ),
)
