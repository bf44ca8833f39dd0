"""Writes of the access app: accounts, sites, memberships, tokens, two-factor devices."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access import audit
from coordo.access.models import (
    ApiToken,
    AuditAction,
    Membership,
    Organisation,
    Site,
    User,
    hash_token,
)
from coordo.access.policy import Perm
from coordo.access.scoping import Principal

RECOVERY_CODE_COUNT = 10


def _require_admin(principal: Principal, organisation_id: int) -> None:
    if principal.organisation_id != organisation_id or not principal.can(Perm.ORG_MANAGE):
        raise PermissionDenied


@transaction.atomic
def create_user(
    *, organisation: Organisation, email: str, full_name: str, password: str | None,
    by: User, principal: Principal,
) -> User:  # fmt: skip
    _require_admin(principal, organisation.pk)
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User.objects.create_user(email, password, full_name=full_name, organisation=organisation)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit.record(AuditAction.CREATE, principal=principal, obj=user, organisation_id=organisation.pk)
    return user


@transaction.atomic
def update_user(user: User, *, by: User, principal: Principal, **fields: Any) -> User:
    _require_admin(principal, user.organisation_id or 0)
    for name in ("full_name", "email"):
        if name in fields:
            setattr(user, name, fields[name].strip().lower() if name == "email" else fields[name])
    user.full_clean()
    user.save()
    audit.record(AuditAction.UPDATE, principal=principal, obj=user)
    return user


def end_sessions_of(user: User) -> int:
    """Delete every session of `user`; with the database session engine this is immediate."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def deactivate_user(user: User, *, by: User, principal: Principal) -> None:
    _require_admin(principal, user.organisation_id or 0)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions_of(user)
    audit.record(AuditAction.DEACTIVATE, principal=principal, obj=user)


@transaction.atomic
def reactivate_user(user: User, *, by: User, principal: Principal) -> None:
    _require_admin(principal, user.organisation_id or 0)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(AuditAction.UPDATE, principal=principal, obj=user)


@transaction.atomic
def grant_membership(
    user: User, *, site: Site, role: str, by: User, principal: Principal
) -> Membership:
    _require_admin(principal, site.organisation_id)
    if user.organisation_id != site.organisation_id:
        raise ValidationError({"site": _("The site belongs to another organisation.")})
    membership, created = Membership.objects.get_or_create(
        user=user, site=site, role=role, defaults={"organisation_id": site.organisation_id}
    )
    if not created:
        raise ValidationError({"role": _("This user already holds this role at this site.")})
    audit.record(AuditAction.CREATE, principal=principal, obj=membership, site_id=site.pk)
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, by: User, principal: Principal) -> None:
    _require_admin(principal, membership.organisation_id)
    audit.record(
        AuditAction.DELETE, principal=principal, obj=membership, site_id=membership.site_id
    )
    membership.delete()


@transaction.atomic
def save_site(site: Site, *, by: User, principal: Principal) -> Site:
    _require_admin(principal, site.organisation_id)
    created = site.pk is None
    site.full_clean()
    site.save()
    audit.record(
        AuditAction.CREATE if created else AuditAction.UPDATE,
        principal=principal,
        obj=site,
        site_id=site.pk,
    )
    return site


@transaction.atomic
def issue_api_token(
    *, organisation: Organisation, name: str, role: str, site: Site | None,
    by: User, principal: Principal,
) -> tuple[ApiToken, str]:  # fmt: skip
    """Returns the token and its raw key, which is shown once and never stored."""
    _require_admin(principal, organisation.pk)
    if site is not None and site.organisation_id != organisation.pk:
        raise ValidationError({"site": _("The site belongs to another organisation.")})
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        organisation=organisation, name=name, role=role, site=site,
        prefix=raw[4:12], key_hash=hash_token(raw), created_by=by,
    )  # fmt: skip
    audit.record(AuditAction.CREATE, principal=principal, obj=token)
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User, principal: Principal) -> None:
    _require_admin(principal, token.organisation_id)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(AuditAction.REVOKE, principal=principal, obj=token)


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device shown as a QR code until the user proves they scanned it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Coordo", confirmed=False)


@transaction.atomic
def confirm_totp_device(
    device: TOTPDevice, *, code: str, by: User, principal: Principal
) -> list[str]:
    """Confirm the device with a first code; returns fresh recovery codes, shown once."""
    if not device.verify_token(code):
        audit.record(
            AuditAction.MFA_FAILED, principal=principal, object_type="access.user", object_id=by.pk
        )
        raise ValidationError({"code": _("This code is not valid. Check the time on your phone.")})
    TOTPDevice.objects.filter(user=by, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = regenerate_recovery_codes(by)
    audit.record(
        AuditAction.MFA_SETUP, principal=principal, object_type="access.user", object_id=by.pk
    )
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
