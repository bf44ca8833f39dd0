"""The checks every case-work write shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.people.models import Person


def _check_person(principal: Principal, person: Person, site: Site, perm: Perm) -> None:
    # `perm` at the person's site too: a role at another site must not carry her there.
    if person.organisation_id != site.organisation_id or not principal.can(perm, person.site_id):
        raise ValidationError({"person": _("Choose a person registered in your organisation.")})
