"""Partners app: the directory (organisation-wide), statistics and conventions (per site)."""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from coordo.access.roles import Role
from coordo.partners.models import Convention
from tests.permissions.casework import matrix_document
from tests.permissions.routes import Route, api
from tests.world import Place

CASE_READERS = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL})
COORDINATION = frozenset({Role.COORDINATOR})

ROUTES: dict[str, Route] = {
    "partner_list": Route(allowed=CASE_READERS),
    "partner_create": Route(allowed=COORDINATION),
    # The directory is shared by every site of the organisation.
    "partner_detail": Route(target="partner", allowed=CASE_READERS, org_wide=True),
    "partner_edit": Route(target="partner", allowed=COORDINATION, org_wide=True),
    "partner_contact_add": Route(
        method="POST", target="partner", allowed=COORDINATION, ok=302, org_wide=True,
        data={"name": "Dr Mertens", "role": "Social service"},
    ),
    "convention_list": Route(allowed=COORDINATION),
    "convention_create": Route(allowed=COORDINATION),
    "convention_document": Route(target="convention", allowed=COORDINATION),
    "api:list_partners": api(allowed=CASE_READERS),
    "api:get_partner": api(target="partner", allowed=CASE_READERS, denied=404, org_wide=True),
}  # fmt: skip

TARGETS = {
    "partner": lambda place: {"partner_id": place.records["partner"].pk},
    "convention": lambda place: {"convention_id": place.records["convention"].pk},
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    convention = Convention(
        organisation=place.site.organisation,
        site=place.site,
        partner=place.records["partner"],
        subject="Outreach consultations",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 1, 1),
        renewal_due=date(2026, 10, 1),
        created_by=place.records["user"],
        document_type="application/pdf",
    )
    convention.document.name = matrix_document()
    convention.save()
    return {"convention": convention}
