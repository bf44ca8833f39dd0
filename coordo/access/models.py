"""Tenancy and access: organisations, sites, users, memberships, API tokens, audit trail."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import audit_chain
from coordo.access.roles import Role, SiteKind
from coordo.access.tenancy import TenantModel, TenantQuerySet


class Organisation(models.Model):
    """The tenant: every row of personal data carries its organisation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A deactivated organisation keeps its records, but nobody and no token reaches them.
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(TenantModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sites", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=SiteKind.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    women_only = models.BooleanField(
        _("women only"),
        default=False,
        help_text=_("Only workers who may work at women-only sites are planned here."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    site_path = "pk"  # a site is its own site

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="site_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("email: an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin, TenantModel):
    """A person who logs in with an e-mail address; what they see comes from memberships.

    The platform's own superuser belongs to no organisation, hence the nullable key."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(  # type: ignore[assignment]  # nullable, see above
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()
    site_path = None  # a user reaches sites through memberships

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def is_verified(self) -> bool:
        """Replaced per request by django-otp's middleware; without it, nobody is verified."""
        return False


def by_user(*, optional: bool = False, **options: Any) -> models.ForeignKey[Any, Any]:
    """Who did something to a row (wrote, screened, decided it): kept while the row is.

    `optional` where a token or the system may act (no user to name); no reverse accessor.
    """
    if optional:
        options |= {"null": True, "blank": True}
    return models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", **options)


class Membership(TenantModel):
    """A user holds a role at a site."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("site")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["site__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.site} · {self.get_role_display()}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def default_token_expiry() -> datetime:
    """A token lives COORDO_API_TOKEN_DAYS days (90 by default), then answers 401."""
    return timezone.now() + timedelta(days=settings.COORDO_API_TOKEN_DAYS)


class ApiToken(TenantModel):
    """An integration's credential: one organisation, one role, optionally one site."""

    # A token goes with its organisation; a person's records never do (PROTECT elsewhere).
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Leave empty to grant the role at every site of the organisation."),
    )
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=default_token_expiry)

    site_path = None  # an empty site grants the role at every site

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "cdo_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self) -> bool:
        return self.revoked_at is None and self.expires_at <= timezone.now()


class AuditAction(models.TextChoices):
    VIEW = "view", _("view")
    LIST = "list", _("list")
    SEARCH = "search", _("search")
    EXPORT = "export", _("export")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logout")
    MFA_SETUP = "mfa_setup", _("two-factor set up")
    MFA_VERIFIED = "mfa_verified", _("two-factor verified")
    MFA_FAILED = "mfa_failed", _("two-factor failed")
    MFA_REPLACED = "mfa_replaced", _("two-factor replaced")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    PASSWORD_RESET = "password_reset", _("password reset forced")
    DEACTIVATE = "deactivate", _("deactivate")
    REVOKE = "revoke", _("revoke")


class SystemActor(models.TextChoices):
    """Who wrote an audit row on no one's behalf: its code is the row's `actor_label` (sealed
    into the chain as written), its name is shown in the reader's language."""

    RETENTION = "system:retention", _("Retention rules")
    NOTIFICATIONS = "system:notifications", _("Notifications")
    CREATE_ADMIN = "system:create_admin", _("Set-up command (create_admin)")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit row."""


class AuditEventQuerySet(TenantQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("the audit trail is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit trail is append-only")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[AuditEvent]:  # type: ignore[override]
        raise AppendOnlyError("audit rows are appended one by one, each sealed into its chain")


class AuditEvent(TenantModel):
    """Who did what to which record, when. Holds identifiers only, never a sensitive value.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger
    (migration 0002) and the runtime role's grants (docs/production.md) refuse them at the
    database level too. Every row is sealed into its organisation's hash chain as it is
    inserted, so a row removed, changed or moved by other means shows (`coordo audit verify`).
    """

    # A failed login may name no organisation; rows outlive what they name (no constraint).
    organisation = models.ForeignKey(  # type: ignore[assignment]
        Organisation, on_delete=models.DO_NOTHING, null=True, db_constraint=False, related_name="+"
    )
    site = models.ForeignKey(
        Site, on_delete=models.DO_NOTHING, null=True, db_constraint=False, related_name="+"
    )
    actor = models.ForeignKey(
        User, on_delete=models.DO_NOTHING, null=True, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=60, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    request_id = models.CharField(max_length=32, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # The hash chain (coordo/access/audit_chain.py): the row before's hash, and this one's.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()  # type: ignore[misc]  # the append-only one

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "site", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
            # A chain's head, read by every append.
            models.Index(fields=["organisation", "id"], name="audit_chain_head"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("the audit trail is append-only")
        with transaction.atomic(using=kwargs.get("using")):
            audit_chain.seal(self)
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit trail is append-only")
