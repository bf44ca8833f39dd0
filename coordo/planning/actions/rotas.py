"""Writes of on-call rotas: the rota and its members, and its periods (never two at once)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.models import Rota, RotaPeriod, Worker


def _members_of(site_id: int, members: Collection[Worker]) -> None:
    if any(not m.sites.filter(pk=site_id).exists() for m in members):
        raise ValidationError({"members": _("Every member must work at this site.")})


@transaction.atomic
def create_rota(*, site: Site, name: str, members: Collection[Worker], by: Principal) -> Rota:
    by.require(Perm.PLANNING_EDIT, site.pk)
    rota = Rota(organisation_id=site.organisation_id, site=site, name=name.strip())
    rota.full_clean()
    _members_of(site.pk, members)
    rota.save()
    rota.members.set(members)
    audit.record(AuditAction.CREATE, principal=by, obj=rota)
    return rota


@transaction.atomic
def update_rota(rota: Rota, *, name: str, members: Collection[Worker], by: Principal) -> Rota:
    """A member who still holds a coming period cannot leave: hand the period over first."""
    by.require(Perm.PLANNING_EDIT, rota.site_id)
    rota.name = name.strip()
    rota.full_clean()
    _members_of(rota.site_id, members)
    leaving = set(rota.members.values_list("pk", flat=True)) - {m.pk for m in members}
    holding = rota.periods.filter(holder_id__in=leaving, end__gt=timezone.now())
    if names := sorted(set(holding.values_list("holder__name", flat=True))):
        raise ValidationError(
            {
                "members": _("%(names)s still on call in a coming period: change it first.")
                % {"names": ", ".join(names)}
            }
        )
    writes.save_changed(rota, by=by, fields=["name"])
    rota.members.set(members)
    return rota


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "D j F Y H:i")


def _validate(
    rota: Rota, start: datetime, end: datetime, holder: Worker | None, period_pk: int | None
) -> None:
    if end <= start:
        raise ValidationError({"end": _("The period must end after it starts.")})
    if holder is not None and not rota.members.filter(pk=holder.pk).exists():
        raise ValidationError({"holder": _("The person on call must be a member of the rota.")})
    others = RotaPeriod.objects.filter(rota=rota, start__lt=end, end__gt=start)
    clash = (others if period_pk is None else others.exclude(pk=period_pk)).first()
    if clash is not None:
        raise ValidationError(
            {
                "start": _("This period overlaps the one from %(start)s to %(end)s.")
                % {"start": _moment(clash.start), "end": _moment(clash.end)}
            }
        )


def _locked(rota: Rota, by: Principal) -> Rota:
    """`by` edits the planning at the rota's site; the rota is then locked, which serialises
    its writers, so two overlapping periods cannot both pass the check."""
    by.require(Perm.PLANNING_EDIT, rota.site_id)
    return Rota.objects.select_for_update().get(pk=rota.pk)


@transaction.atomic
def add_rota_period(
    rota: Rota,
    *,
    start: datetime,
    end: datetime,
    holder: Worker | None,
    weekend: bool,
    by: Principal,
) -> RotaPeriod:
    rota = _locked(rota, by)
    _validate(rota, start, end, holder, None)
    period = RotaPeriod.objects.create(
        organisation_id=rota.organisation_id,
        rota=rota,
        start=start,
        end=end,
        holder=holder,
        weekend=weekend,
    )
    audit.record(AuditAction.CREATE, principal=by, obj=period, site_id=rota.site_id)
    return period


@transaction.atomic
def change_rota_period(
    period: RotaPeriod,
    *,
    start: datetime,
    end: datetime,
    holder: Worker | None,
    weekend: bool,
    by: Principal,
) -> RotaPeriod:
    rota = _locked(period.rota, by)
    _validate(rota, start, end, holder, period.pk)
    period.start, period.end, period.holder, period.weekend = start, end, holder, weekend
    return writes.save_changed(
        period, by=by, fields=["start", "end", "holder", "weekend"], site_id=rota.site_id
    )


@transaction.atomic
def remove_rota_period(period: RotaPeriod, *, by: Principal) -> None:
    by.require(Perm.PLANNING_EDIT, period.rota.site_id)
    writes.delete_audited(period, by=by, site_id=period.rota.site_id)
