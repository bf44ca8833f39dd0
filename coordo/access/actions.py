"""Writes of the access app: accounts, sites, memberships, tokens, two-factor devices."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access import audit, writes
from coordo.access.models import (
    ApiToken,
    AuditAction,
    Membership,
    Organisation,
    Site,
    User,
    hash_token,
)
from coordo.access.policy import Perm, reads_personal_data
from coordo.access.queries import has_second_factor
from coordo.access.roles import Role
from coordo.access.scoping import Principal, principal_for_user
from coordo.notifications import Notice, send_notice

RECOVERY_CODE_COUNT = 10


def _require_admin(by: Principal, organisation_id: int) -> None:
    """The gate, and the tenant: an administrator manages their own organisation only."""
    by.require(Perm.ORG_MANAGE)
    if by.organisation_id != organisation_id:
        raise PermissionDenied


# Addresses are unique across organisations. Whatever makes one unusable other than a
# user of the admin's own organisation holding it (another tenant's user, a platform
# account, any refusal added later) gets this one answer, so it tells nothing of them.
UNUSABLE_EMAIL = _(
    "This address cannot be used here. Ask the person for another address, or contact support."
)


def _check_email_free(email: str, organisation_id: int, *, user_pk: int | None = None) -> None:
    holders = User.objects.filter(email__iexact=email)
    holder = (holders.exclude(pk=user_pk) if user_pk else holders).first()
    if holder is None:
        return
    if holder.organisation_id == organisation_id:
        raise ValidationError(
            {"email": _("A user of your organisation already has this e-mail address.")}
        )
    raise ValidationError({"email": UNUSABLE_EMAIL})


@transaction.atomic
def create_user(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    password: str | None,
    by: Principal,
) -> User:
    _require_admin(by, organisation.pk)
    email = email.strip().lower()
    _check_email_free(email, organisation.pk)
    user = User.objects.create_user(email, password, full_name=full_name, organisation=organisation)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit.record(AuditAction.CREATE, principal=by, obj=user, organisation_id=organisation.pk)
    return user


@transaction.atomic
def update_user(user: User, *, by: Principal, **fields: Any) -> User:
    _require_admin(by, user.organisation_id or 0)
    for name in ("full_name", "email"):
        if name in fields:
            setattr(user, name, fields[name].strip().lower() if name == "email" else fields[name])
    # Before full_clean, whose "already exists" would tell of another organisation's user.
    _check_email_free(user.email, user.organisation_id or 0, user_pk=user.pk)
    user.full_clean()
    return writes.save_changed(user, by=by)


def end_sessions_of(user: User, *, keep: str | None = None) -> int:
    """Delete every session of `user` but `keep` (the one making the change), at once."""
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep)
    for session in sessions.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def deactivate_user(user: User, *, by: Principal) -> None:
    _require_admin(by, user.organisation_id or 0)
    if user.pk == by.user_id:
        raise ValidationError(_("You cannot deactivate your own account."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions_of(user)
    audit.record(AuditAction.DEACTIVATE, principal=by, obj=user)


@transaction.atomic
def reactivate_user(user: User, *, by: Principal) -> None:
    _require_admin(by, user.organisation_id or 0)
    user.is_active = True
    writes.save_changed(user, by=by, fields=["is_active"])


@transaction.atomic
def grant_membership(user: User, *, site: Site, role: str, by: Principal) -> Membership:
    _require_admin(by, site.organisation_id)
    if user.pk == by.user_id:
        # Otherwise an admin could make themselves coordinator and read case content.
        raise ValidationError(
            {"role": _("Nobody may grant a role to themselves: ask another administrator.")}
        )
    if user.organisation_id != site.organisation_id:
        raise ValidationError({"site": _("The site belongs to another organisation.")})
    membership, created = Membership.objects.get_or_create(
        user=user, site=site, role=role, defaults={"organisation_id": site.organisation_id}
    )
    if not created:
        raise ValidationError({"role": _("This user already holds this role at this site.")})
    audit.record(AuditAction.CREATE, principal=by, obj=membership, site_id=site.pk)
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, by: Principal) -> None:
    _require_admin(by, membership.organisation_id)
    writes.delete_audited(membership, by=by, site_id=membership.site_id)


@transaction.atomic
def save_site(site: Site, *, by: Principal) -> Site:
    _require_admin(by, site.organisation_id)
    created = site.pk is None
    site.full_clean()
    site.save()
    audit.record(
        AuditAction.CREATE if created else AuditAction.UPDATE,
        principal=by,
        obj=site,
        site_id=site.pk,
    )
    return site


def issue_api_token(
    *,
    organisation: Organisation,
    name: str,
    role: str,
    site: Site | None,
    code: str = "",
    by: Principal,
) -> tuple[ApiToken, str]:
    """Returns the token and its raw key, which is shown once and never stored.

    A role that reads personal data needs `code`, a current code of the issuer's
    authenticator app (a fresh second factor, not the session's), and the site's
    coordinators are told. A wrong code is audited outside the write's transaction."""
    _require_admin(by, organisation.pk)
    if site is not None and site.organisation_id != organisation.pk:
        raise ValidationError({"site": _("The site belongs to another organisation.")})
    personal = reads_personal_data(role)
    if personal:
        _require_fresh_code(by, code)
    with transaction.atomic():
        raw = ApiToken.new_raw_key()
        token = ApiToken.objects.create(
            organisation=organisation,
            name=name,
            role=role,
            site=site,
            prefix=raw[4:12],
            key_hash=hash_token(raw),
            created_by_id=by.named_worker_id(),
        )
        audit.record(AuditAction.CREATE, principal=by, obj=token)
        if personal:
            send_notice(_coordinators_of(organisation, site), _token_issued_notice(token))
    return token, raw


def _require_fresh_code(by: Principal, code: str) -> None:
    """A current code of one of the actor's authenticator apps, whatever the session holds."""
    for device in TOTPDevice.objects.filter(user_id=by.user_id, confirmed=True):
        # verify_token refuses a code already used (the one that opened the session).
        if code and device.verify_is_allowed()[0] and device.verify_token(code):
            return
    _record_mfa_failure(by)
    raise ValidationError(
        {"code": _("Enter the current code of your authenticator app: this one is not valid.")}
    )


def _coordinators_of(organisation: Organisation, site: Site | None) -> QuerySet[User]:
    sites = [site] if site is not None else organisation.sites.filter(is_active=True)
    return User.objects.filter(
        memberships__site__in=sites, memberships__role=Role.COORDINATOR, is_active=True
    ).distinct()


def _token_issued_notice(token: ApiToken) -> Notice:
    return Notice(
        gettext("Coordo: an API token that reads personal data was issued"),
        gettext(
            "An administrator of your organisation issued an API token with the role "
            "%(role)s for %(site)s. Until %(expires)s, the integration that holds it can read "
            "the personal data this role reads there. If you did not expect it, ask your "
            "administrator to revoke it."
        )
        % {
            "role": token.get_role_display(),
            "site": token.site.name if token.site else gettext("every site"),
            "expires": date_format(timezone.localtime(token.expires_at), "j F Y"),
        },
    )


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: Principal) -> None:
    _require_admin(by, token.organisation_id)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(AuditAction.REVOKE, principal=by, obj=token)


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device shown as a QR code until the user proves they scanned it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Coordo", confirmed=False)


def _record_mfa_failure(by: Principal) -> None:
    audit.record(
        AuditAction.MFA_FAILED, principal=by, object_type="access.user", object_id=by.user_id
    )


def confirm_totp_device(
    device: TOTPDevice,
    *,
    code: str,
    password: str = "",
    by: Principal,
    keep_session: str | None = None,
) -> list[str]:
    """Confirm the device with a first code; returns fresh recovery codes, shown once.

    Someone who already holds a second factor replaces it only from a session verified
    with it (`by.user` is the request's user, which django-otp marks) and with their password
    again, so a password-only session can never swap the factor it owes. Every other
    session of the account ends and its owner is told by e-mail. Failures are audited
    outside the write's transaction, so they stay in the trail.
    """
    user = by.user
    if user is None or device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    replacing = has_second_factor(user)
    if replacing and not user.is_verified():
        raise PermissionDenied
    if replacing and not user.check_password(password):
        _record_mfa_failure(by)
        raise ValidationError({"password": _("This password is not correct.")})
    if not device.verify_is_allowed()[0]:
        raise ValidationError({"code": _("Too many wrong codes: wait a moment, then try again.")})
    if not device.verify_token(code):
        _record_mfa_failure(by)
        raise ValidationError({"code": _("This code is not valid. Check the time on your phone.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = regenerate_recovery_codes(user)
        end_sessions_of(user, keep=keep_session)
        audit.record(
            AuditAction.MFA_REPLACED if replacing else AuditAction.MFA_SETUP,
            principal=by,
            object_type="access.user",
            object_id=user.pk,
        )
        if replacing:
            notice = Notice(
                gettext("Coordo: your authenticator app was replaced"),
                gettext(
                    "A new authenticator app now gives the second factor of your Coordo "
                    "account; the previous one and its recovery codes no longer work, and your "
                    "other sessions have ended. If you did not do this, tell your "
                    "organisation's administrator at once."
                ),
            )
        else:
            notice = Notice(
                gettext("Coordo: two-factor authentication is set up"),
                gettext(
                    "An authenticator app now gives the second factor of your Coordo account. "
                    "If you did not do this, tell your organisation's administrator at once."
                ),
            )
        send_notice([user], notice)
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def change_password(
    user: User,
    *,
    current_password: str,
    new_password: str,
    by: Principal,
    keep_session: str | None,
) -> None:
    """A user changes their own password; their other sessions end, this one stays."""
    if user.pk != by.user_id:
        raise PermissionDenied
    if not user.check_password(current_password):
        raise ValidationError({"old_password": _("Your current password is not correct.")})
    user.set_password(new_password)
    user.save(update_fields=["password"])
    end_sessions_of(user, keep=keep_session)
    audit.record(AuditAction.PASSWORD_CHANGED, principal=by, obj=user)
    send_notice([user], _password_changed_notice())


def _password_changed_notice() -> Notice:
    return Notice(
        gettext("Coordo: your password was changed"),
        gettext(
            "The password of your Coordo account was changed and your other sessions have "
            "ended. If you did not do this, tell your organisation's administrator at once."
        ),
    )


@transaction.atomic
def force_password_reset(user: User, *, by: Principal, base_url: str) -> None:
    """The admin makes the password unusable at once, ends every session of the account and
    e-mails its owner a one-time link to choose a new one (the second factor still applies).

    `base_url` is the scheme and host the link starts with (the request's own)."""
    _require_admin(by, user.organisation_id or 0)
    if user.pk == by.user_id:
        raise ValidationError(_("Change your own password from your account page."))
    if not user.is_active:
        raise ValidationError(_("This account is deactivated: reactivate it first."))
    user.set_unusable_password()
    user.save(update_fields=["password"])
    end_sessions_of(user)
    audit.record(AuditAction.PASSWORD_RESET, principal=by, obj=user)
    # The token signs the new (unusable) password hash: it dies once a password is set.
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    send_notice(
        [user],
        Notice(
            gettext("Coordo: choose a new password"),
            gettext(
                "Your organisation's administrator asked you to choose a new password for "
                "Coordo. Your old password no longer works and your sessions have ended. "
                "Open this link within %(hours)d hours to choose the new one:\n%(link)s\n\n"
                "If you did not expect this message, tell your administrator."
            )
            % {"hours": hours, "link": f"{base_url.rstrip('/')}{path}"},
        ),
    )


@transaction.atomic
def complete_password_reset(user: User, *, token: str, new_password: str) -> None:
    """The account's owner sets the new password from the e-mailed link, which is the
    credential here (so no `by`): valid once, for a while, for an active account."""
    if not user.is_active or not default_token_generator.check_token(user, token):
        raise PermissionDenied
    user.set_password(new_password)
    user.save(update_fields=["password"])
    end_sessions_of(user)
    audit.record(AuditAction.PASSWORD_CHANGED, principal=principal_for_user(user), obj=user)
    send_notice([user], _password_changed_notice())
