"""Reads of the access app, scoped to the principal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.models import (
    ApiToken,
    AuditEvent,
    Membership,
    Organisation,
    Site,
    SystemActor,
    User,
)
from coordo.access.policy import POLICY, Perm, Scope, mfa_required_for
from coordo.access.scoping import Principal, principal_for_user

# What a logged-in session still owes: the name of the one page it may see meanwhile.
VERIFY = "mfa_verify"
SET_UP = "mfa_setup"


def has_second_factor(user: User) -> bool:
    """A confirmed authenticator, or recovery codes left to use (one query)."""
    totp = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    codes = StaticToken.objects.filter(device__user=OuterRef("pk"), device__confirmed=True)
    return User.objects.filter(pk=user.pk).filter(Exists(totp) | Exists(codes)).exists()


def second_factor_owed(user: User) -> str | None:
    """VERIFY for anyone holding a second factor until this session proves it, whatever the
    role; SET_UP for a role that needs one and has none; None once nothing is owed."""
    if user.is_verified():
        return None
    if has_second_factor(user):
        return VERIFY
    return SET_UP if mfa_required_for(principal_for_user(user).roles) else None


def audit_events_visible_to(principal: Principal) -> QuerySet[AuditEvent]:
    """Coordinators see their sites' trail; admins (organisation scope) the whole organisation's."""
    sites = principal.sites_where(Perm.AUDIT_VIEW)
    org_wide = any(
        POLICY[grant.role].scope == Scope.ORGANISATION
        and Perm.AUDIT_VIEW in POLICY[grant.role].perms
        for grant in principal.grants
    )
    events = AuditEvent.objects.of_organisation(principal)
    condition = Q(site_id__in=sites)
    if org_wide:
        condition |= Q(site_id__isnull=True)
    return events.filter(condition).select_related("actor")


# Kinds of rows that tell one act apart from an ordinary edit ("casework.note.level_lowered").
AUDIT_ACTS = {"level_lowered": _("level lowered"), "reopened": _("reopened")}


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    kind: str  # the record's kind in the reader's language: "user", "case file"
    record: str  # a user's or site's name, else the record's id
    site: str

    @property
    def who(self) -> str:
        """The actor without a user: the part of Coordo that wrote it, else its stored label."""
        label = self.event.actor_label
        return str(SystemActor(label).label) if label in SystemActor.values else label


def audit_rows(principal: Principal, events: Iterable[AuditEvent]) -> list[AuditRow]:
    """A page of the trail as a reader of it sees it: users and sites by name (only those of
    the reader's organisation), other records by kind and id, never by their content."""
    events = list(events)
    sites = dict(
        sites_of(principal)
        .filter(pk__in={event.site_id for event in events})
        .values_list("pk", "name")
    )
    named = {"access.user": users_of(principal), "access.site": sites_of(principal)}
    names: dict[tuple[str, str], str] = {}
    for object_type, records in named.items():
        ids = {e.object_id for e in events if e.object_type == object_type and e.object_id}
        for record in records.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]):
            names[(object_type, str(record.pk))] = str(record)
    return [
        AuditRow(
            event=event,
            kind=_audit_kind(event.object_type),
            record=names.get(
                (event.object_type, event.object_id),
                f"#{event.object_id}" if event.object_id else "",
            ),
            site=sites.get(event.site_id, "") if event.site_id else "",
        )
        for event in events
    ]


def _audit_kind(object_type: str) -> str:
    app_label, _dot, rest = object_type.partition(".")
    model_name, _dot, act = rest.partition(".")
    try:
        kind = str(apps.get_model(app_label, model_name)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
    return f"{kind} ({AUDIT_ACTS.get(act, act)})" if act else kind


def filter_audit_events(
    events: QuerySet[AuditEvent], filters: dict[str, Any]
) -> QuerySet[AuditEvent]:
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    actor = filters.get("actor")
    if actor in SystemActor.values:
        events = events.filter(actor__isnull=True, actor_label=actor)
    elif actor:  # a user's id among the form's choices
        events = events.filter(actor_id=int(actor))
    if filters.get("site"):
        events = events.filter(site_id=filters["site"].pk)
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        events = events.filter(object_id=filters["object_id"])
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    return events


def organisation_of(principal: Principal) -> Organisation:
    return Organisation.objects.get(pk=principal.organisation_id)


def sites_of(principal: Principal) -> QuerySet[Site]:
    """Every site of the organisation, by name (form choices, the audit trail's names)."""
    return Site.objects.of_organisation(principal)


def member_sites(principal: Principal) -> QuerySet[Site]:
    return Site.objects.filter(pk__in={grant.site_id for grant in principal.grants}, is_active=True)


def users_of(principal: Principal) -> QuerySet[User]:
    return User.objects.of_organisation(principal)


def works_at(user: User, site_id: int) -> bool:
    """`user` is a member of the site's team (holds a role there): a referent, an owner, a
    worker an action names must be."""
    return user.memberships.filter(site_id=site_id).exists()


def get_user(principal: Principal, user_id: int) -> User:
    return get_object_or_404(users_of(principal), pk=user_id)


def get_site(principal: Principal, site_id: int) -> Site:
    return get_object_or_404(sites_of(principal), pk=site_id)


def get_membership(principal: Principal, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.visible_to(principal, Perm.ORG_MANAGE), pk=membership_id
    )


def tokens_of(principal: Principal) -> QuerySet[ApiToken]:
    return ApiToken.objects.visible_to(principal, Perm.ORG_MANAGE).select_related(
        "site", "created_by"
    )
