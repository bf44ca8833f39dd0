"""How long the community app keeps the first name or pseudonym of who proposed an activity."""

from django.utils.translation import gettext_lazy as _

from coordo.retention import Action, Rule

RULES = (
    Rule(
        "activity_proposer_names",
        _("Who proposed an activity (first name or pseudonym)"),
        "community.Activity",
        Action.ANONYMISE,
        # Minimisation (art. 5(1)(c)): the name serves the programme while it runs; the
        # activity and its counts stay for the yearly reports, without it.
        _("Blanked 2 years after the activity's first date; the activity and its counts stay."),
        years=2,
        starts="starts_on",
        fields={"proposer_name": ""},
        order=60,
    ),
    Rule(
        "outreach_rounds",
        _("Outreach rounds and their contacts"),
        "community.OutreachRound",
        Action.PURGE,
        # Minimisation (art. 5(1)(c)): the contacts serve the yearly activity report of the
        # outreach work; the months' figures are reported by then. To be confirmed by the DPO.
        _("Kept 2 years after the round, then deleted."),
        years=2,
        starts="held_on",
        persons=("contacts__person",),
        covers=("community.OutreachContact",),
        order=61,
    ),
)
