"""Logins, logouts and failed logins go to the audit trail.

Django announces these through its auth signals; they are the only signals Coordo
listens to, because login happens inside Django's own views.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from coordo.access import audit
from coordo.access.models import AuditAction, User
from coordo.access.scoping import principal_for_user


def _record_own(action: AuditAction, user: User) -> None:
    """A user's own login or logout: she is both the actor and the record."""
    audit.record(
        action, principal=principal_for_user(user), object_type="access.user", object_id=user.pk
    )


@receiver(user_logged_in, dispatch_uid="coordo_audit_login")
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    _record_own(AuditAction.LOGIN, user)


@receiver(user_logged_out, dispatch_uid="coordo_audit_logout")
def audit_logout(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _record_own(AuditAction.LOGOUT, user)


@receiver(user_login_failed, dispatch_uid="coordo_audit_login_failed")
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # The typed e-mail is personal data: keep only the account id when it exists.
    email = str(credentials.get("username") or credentials.get("email") or "").lower()
    user = User.objects.filter(email=email).only("id", "organisation_id").first()
    audit.record(
        AuditAction.LOGIN_FAILED,
        object_type="access.user" if user else "",
        object_id=user.pk if user else "",
        organisation_id=user.organisation_id if user else None,
    )
