from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user, verified_client
from coordo.access.actions import grant_membership
from coordo.access.models import AuditAction, AuditEvent, Membership, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user


@pytest.mark.django_db
def test_an_admin_creates_an_account_and_grants_a_role_in_coordo_pages(admin_user, other_site):
    client = verified_client(admin_user)
    response = client.post(
        "/manage/users/new/",
        {
            "full_name": "Jolien Claes",
            "email": "Jolien.Claes@test.example",
            "password": "lange-zin-met-woorden",
        },
    )
    user = User.objects.get(email="jolien.claes@test.example")
    assert response.url == f"/manage/users/{user.pk}/"
    assert user.organisation == admin_user.organisation
    client.post(
        f"/manage/users/{user.pk}/roles/", {"site": other_site.pk, "role": Role.SOCIAL_WORKER}
    )
    assert list(Membership.objects.filter(user=user).values_list("site", "role")) == [
        (other_site.pk, Role.SOCIAL_WORKER)
    ]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="access.membership"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_a_short_password_is_refused_next_to_its_field(admin_user):
    response = verified_client(admin_user).post(
        "/manage/users/new/",
        {"full_name": "Bram Wouters", "email": "bram@test.example", "password": "kort123"},
    )
    assert list(response.context["form"].errors) == ["password"]
    assert not User.objects.filter(email="bram@test.example").exists()


@pytest.mark.django_db
def test_an_address_of_the_own_organisation_is_refused_saying_so(admin_user, host):
    response = verified_client(admin_user).post(
        "/manage/users/new/", {"full_name": "Someone Else", "email": host.email.upper()}
    )
    assert response.context["form"].errors == {
        "email": ["A user of your organisation already has this e-mail address."]
    }


def email_errors(client, url: str, email: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.post(url, {"full_name": "Noor Aziz", "email": email})
    assert response.status_code == 200
    body = response.content.decode()
    for leak in ("already", "exists", "Autre Collectif", "Coordo Support"):
        assert leak not in body
    return response.context["form"].errors["email"]


@pytest.mark.django_db
def test_an_address_used_elsewhere_is_refused_without_telling_where(admin_user, host, foreign_site):
    elsewhere = make_user(foreign_site, Role.SOCIAL_WORKER, email="noor@autre.example")
    platform = User.objects.create_user("support@coordo.example", "x", full_name="Coordo Support")
    client = verified_client(admin_user)
    neutral = [
        "This address cannot be used here. Ask the person for another address, or contact support."
    ]
    # Another tenant's user and an account of no organisation get the very same answer.
    for url in ("/manage/users/new/", f"/manage/users/{host.pk}/"):
        assert email_errors(client, url, elsewhere.email.upper()) == neutral
        assert email_errors(client, url, platform.email) == neutral
    host.refresh_from_db()
    assert host.email != elsewhere.email
    assert User.objects.filter(full_name="Noor Aziz").count() == 0


@pytest.mark.django_db
def test_a_site_of_another_organisation_cannot_be_granted(admin_user, foreign_site, host):
    response = verified_client(admin_user).post(
        f"/manage/users/{host.pk}/roles/", {"site": foreign_site.pk, "role": Role.COORDINATOR}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(site=foreign_site).exists()


@pytest.mark.django_db
def test_an_admin_cannot_deactivate_themselves(admin_user):
    client = verified_client(admin_user)
    client.post(f"/manage/users/{admin_user.pk}/active/", {"active": "0"})
    admin_user.refresh_from_db()
    assert admin_user.is_active


@pytest.mark.django_db
def test_nobody_may_grant_a_role_to_themselves(admin_user, site):
    client = verified_client(admin_user)
    response = client.post(
        f"/manage/users/{admin_user.pk}/roles/", {"site": site.pk, "role": Role.COORDINATOR}
    )
    assert response.status_code == 302
    assert list(admin_user.memberships.values_list("role", flat=True)) == [Role.ADMIN]
    page = client.get(response.url).content.decode()
    assert "Nobody may grant a role to themselves" in page


@pytest.mark.django_db
def test_the_grant_action_refuses_the_acting_admin_as_grantee(admin_user, site):
    with pytest.raises(ValidationError) as refused:
        grant_membership(
            admin_user,
            site=site,
            role=Role.SOCIAL_WORKER,
            by=principal_for_user(admin_user),
        )
    assert list(refused.value.message_dict) == ["role"]
    assert not AuditEvent.objects.filter(object_type="access.membership").exists()
