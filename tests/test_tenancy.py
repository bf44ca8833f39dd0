"""Tenancy written once: `visible_to` keeps a principal inside its organisation and its sites."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import models

from conftest import make_user
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.access.tenancy import TenantModel
from coordo.partners.models import Convention, Partner
from coordo.planning.models import Absence
from coordo.planning.tests.factories import make_worker

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


def _concrete_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if not m._meta.abstract and not m._meta.proxy]


def _has_organisation_key(model: type[models.Model]) -> bool:
    return any(field.name == "organisation" for field in model._meta.concrete_fields)


@pytest.mark.django_db(databases=[])
def test_every_table_with_an_organisation_key_takes_it_from_tenant_model():
    hand_written = [
        m._meta.label
        for m in _concrete_models()
        if _has_organisation_key(m) and not issubclass(m, TenantModel)
    ]
    assert hand_written == []
    # Not vacuous: each of the house's apps has its tables under the rule.
    tenants = {m._meta.app_label for m in _concrete_models() if issubclass(m, TenantModel)}
    assert {
        "access",
        "people",
        "housing",
        "casework",
        "partners",
        "planning",
        "dispatch",
    } <= tenants


@pytest.mark.django_db(databases=[])
@pytest.mark.parametrize(
    "name", ["WeeklyWindow", "Absence", "Assignment", "PlanningRun", "RotaPeriod"]
)
def test_the_planning_tables_once_without_one_carry_the_organisation_key(name):
    model = apps.get_model("planning", name)
    assert issubclass(model, TenantModel)
    key = model._meta.get_field("organisation")
    assert key.related_model._meta.label == "access.Organisation"
    assert not key.null


def _site_at_end_of(model: type[models.Model], path: str) -> type[models.Model]:
    if path == "pk":
        return model
    for name in path.split("__"):
        related = model._meta.get_field(name).related_model
        assert related is not None, f"{model._meta.label}: {name} is no relation"
        model = related
    return model


@pytest.mark.django_db(databases=[])
def test_each_site_path_leads_to_a_site():
    for model in _concrete_models():
        if issubclass(model, TenantModel) and model.site_path is not None:
            assert _site_at_end_of(model, model.site_path) is Site, model._meta.label


def test_a_table_reached_through_its_parent_keeps_to_the_sites_of_the_permission(
    site, other_site, foreign_site, coordinator
):
    """An absence: its site is its worker's (many sites); its tenant is its own key."""

    def absence_of(worker):
        return Absence.objects.create(
            organisation_id=worker.organisation_id,
            worker=worker,
            reason="leave",
            first_day=date(2026, 12, 1),
            last_day=date(2026, 12, 2),
            entered_by=coordinator,
        )

    here = make_worker(site, "Anna Test")
    both = make_worker(site, "Bram Test")
    both.sites.add(other_site)
    ours, shared = absence_of(here), absence_of(both)
    absence_of(make_worker(other_site, "Chloé Test"))
    absence_of(make_worker(foreign_site, "Dirk Test"))
    who = principal_for_user(coordinator)
    assert set(Absence.objects.visible_to(who, Perm.PLANNING_EDIT)) == {ours, shared}
    host = principal_for_user(make_user(site, Role.HOST))
    assert list(Absence.objects.visible_to(host, Perm.PLANNING_EDIT)) == []
