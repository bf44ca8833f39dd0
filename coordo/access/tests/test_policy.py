from coordo.access.policy import GRANTS, POLICY, ROLES, Perm
from coordo.access.roles import Role


def test_every_role_has_a_setup_and_every_permission_a_grant():
    assert set(ROLES) == set(Role.values) == set(POLICY)
    assert set(GRANTS) == set(Perm)


def test_aggregate_roles_never_see_a_person():
    person_perms = {perm for perm in Perm if perm.value.startswith("person.")}
    for role in (Role.RESEARCHER, Role.FUNDER):
        assert POLICY[role].perms & person_perms == set()


def test_the_admin_manages_accounts_but_reads_no_case_content():
    assert Perm.ORG_MANAGE in POLICY[Role.ADMIN].perms
    assert Perm.PERSON_VIEW not in POLICY[Role.ADMIN].perms
