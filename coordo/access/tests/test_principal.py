"""The acting principal: the one actor every action takes as `by`, and its one gate."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import make_user
from coordo.access.models import ApiToken, Site, User
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.access.scoping import Principal, principal_for_token, principal_for_user


def _token(site: Site, admin_user: User, key_hash: str) -> ApiToken:
    return ApiToken.objects.create(
        organisation=site.organisation,
        name="CPAS link",
        role=Role.SOCIAL_WORKER,
        site=site,
        prefix="abcdefgh",
        key_hash=key_hash,
        created_by=admin_user,
    )


def test_a_users_principal_carries_the_very_user_object_it_was_built_from(coordinator):
    # The request's own object, which django-otp marks verified, not a fresh copy.
    principal = principal_for_user(coordinator)
    assert principal.user is coordinator
    assert principal.user_id == coordinator.pk


def test_a_principal_built_from_its_fields_loads_its_user(coordinator):
    principal = Principal(coordinator.organisation_id, (), frozenset(), user_id=coordinator.pk)
    assert principal.user == coordinator


def test_a_tokens_principal_has_no_user(site, admin_user):
    token = _token(site, admin_user, key_hash="0" * 64)
    principal = principal_for_token(token)
    assert (principal.user_id, principal.user) == (None, None)


def test_require_refuses_a_permission_held_at_another_site_only(site, other_site):
    principal = principal_for_user(make_user(site, Role.SOCIAL_WORKER))
    principal.require(Perm.CASE_EDIT, site.pk)
    with pytest.raises(PermissionDenied):
        principal.require(Perm.CASE_EDIT, other_site.pk)
    with pytest.raises(PermissionDenied):
        principal.require(Perm.ORG_MANAGE)


def test_a_token_is_no_named_worker(site, admin_user, coordinator):
    token = _token(site, admin_user, key_hash="1" * 64)
    with pytest.raises(PermissionDenied):
        principal_for_token(token).named_worker_id()
    assert principal_for_user(coordinator).named_worker_id() == coordinator.pk
