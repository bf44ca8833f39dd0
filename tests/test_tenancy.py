"""Tenancy written once: `visible_to` keeps a principal inside its organisation and its sites."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_user
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.partners.models import Convention, Partner

pytestmark = pytest.mark.django_db


def convention(site, partner, by):
    return Convention.objects.create(
        organisation=site.organisation,
        site=site,
        partner=partner,
        subject="Permanence",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        renewal_due=date(2026, 11, 1),
        created_by=by,
    )


def test_a_site_scoped_table_shows_the_sites_where_the_permission_is_held(
    site, other_site, foreign_site, coordinator
):
    ours = Partner.objects.create(organisation=site.organisation, name="CPAS A", kind="cpas")
    theirs = Partner.objects.create(
        organisation=foreign_site.organisation, name="CPAS B", kind="cpas"
    )
    here, there = convention(site, ours, coordinator), convention(other_site, ours, coordinator)
    convention(foreign_site, theirs, coordinator)
    who = principal_for_user(coordinator)
    assert list(Convention.objects.visible_to(who, Perm.CONVENTION_VIEW)) == [here]
    assert there not in Convention.objects.visible_to(who, Perm.CONVENTION_VIEW)
    # An organisation-wide table: the whole directory of one's organisation, nothing else.
    assert list(Partner.objects.visible_to(who, Perm.PARTNER_VIEW)) == [ours]


def test_without_the_permission_nothing_is_visible(site, organisation):
    Partner.objects.create(organisation=organisation, name="CPAS A", kind="cpas")
    host = principal_for_user(make_user(site, Role.HOST))
    assert not host.can(Perm.CONVENTION_VIEW)
    assert list(Convention.objects.visible_to(host, Perm.CONVENTION_VIEW)) == []
