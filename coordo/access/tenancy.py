"""Tenancy written once: the organisation key every table carries, and the scoped read.

Every scoped read starts from `Model.objects.visible_to(principal, perm)`: rows of the
principal's organisation at the sites where it holds `perm`. Models whose site is
reached through another table name that path in `site_path` ("building__site"); those
without a site key (organisation-wide directories) set it to None. A read that needs the
organisation only (a name lookup, a form's choices) starts from `of_organisation`.

`tests/test_tenancy.py` fails on a table that carries an organisation key by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models

if TYPE_CHECKING:
    from coordo.access.policy import Perm
    from coordo.access.scoping import Principal


class TenantQuerySet(models.QuerySet[Any]):
    def of_organisation(self, principal: Principal) -> Self:
        return self.filter(organisation_id=principal.organisation_id)

    def visible_to(self, principal: Principal, perm: Perm) -> Self:
        site_path: str | None = self.model.site_path
        rows = self.of_organisation(principal)
        if site_path is None:
            return rows if principal.can(perm) else rows.none()
        return rows.filter(**{f"{site_path}__in": principal.sites_where(perm)})


class TenantModel(models.Model):
    """A row of one organisation; `site_path` says where its site is (None: org-wide)."""

    # By name: access.models itself builds on this class.
    organisation = models.ForeignKey(
        "access.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    site_path: ClassVar[str | None] = "site"
    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
