"""Writes of a site's team by its coordination: a worker's details, windows, account, absences.

Each action acts at one `site`: the coordinator must edit the planning there and the
worker must work there. A deactivated worker is left out of new drafts; the published
shifts that still name them are kept and flagged (`queries.shifts_ahead`), for a re-plan.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site, User
from coordo.access.policy import Perm
from coordo.access.queries import works_at
from coordo.access.scoping import Principal
from coordo.notifications import Notice, send_notice_to_addresses
from coordo.planning.models import Absence, WeeklyWindow, Worker
from coordo.planning.queries import shifts_ahead, site_team


def _require_team_edit(by: Principal, worker: Worker, site: Site) -> None:
    """`by` edits the planning at `site`, and the worker works there (else: not theirs)."""
    by.require(Perm.PLANNING_EDIT, site.pk)
    if not site_team(site).filter(pk=worker.pk).exists():
        raise PermissionDenied


def _audit(action: str, obj: Worker | WeeklyWindow | Absence, site: Site, p: Principal) -> None:
    audit.record(action, principal=p, obj=obj, site_id=site.pk)


@transaction.atomic
def update_worker(
    worker: Worker,
    *,
    site: Site,
    name: str,
    kind: str,
    languages: Collection[str],
    female: bool,
    max_shifts_per_month: int,
    contract_hours: int | None,
    email: str,
    by: Principal,
) -> Worker:
    _require_team_edit(by, worker, site)
    worker.name, worker.kind, worker.languages = name, kind, list(languages)
    worker.female, worker.max_shifts_per_month = female, max_shifts_per_month
    worker.contract_hours, worker.email = contract_hours, email
    worker.full_clean(exclude=["user", "calendar_token"])
    return writes.save_changed(worker, by=by, site_id=site.pk)


@transaction.atomic
def set_worker_active(worker: Worker, *, site: Site, active: bool, by: Principal) -> int:
    """Returns how many published shifts ahead still name the worker (kept, flagged)."""
    _require_team_edit(by, worker, site)
    worker.is_active = active
    writes.save_changed(worker, by=by, fields=["is_active"], site_id=site.pk)
    return 0 if active else shifts_ahead(worker).count()


def _window(window: WeeklyWindow) -> WeeklyWindow:
    window.full_clean(exclude=["worker"])
    overlapping = WeeklyWindow.objects.filter(
        worker_id=window.worker_id, kind=window.kind, weekday=window.weekday
    ).exclude(pk=window.pk)
    end = window.end or time.max
    for other in overlapping:
        if other.start < end and window.start < (other.end or time.max):
            raise ValidationError(
                {"start": _("This window overlaps another window of the same kind that day.")}
            )
    window.save()
    return window


@transaction.atomic
def add_window(window: WeeklyWindow, *, worker: Worker, site: Site, by: Principal) -> WeeklyWindow:
    _require_team_edit(by, worker, site)
    window.worker = worker
    window.organisation_id = worker.organisation_id
    _audit(AuditAction.CREATE, _window(window), site, by)
    return window


@transaction.atomic
def change_window(window: WeeklyWindow, *, site: Site, by: Principal) -> WeeklyWindow:
    """Saves `window` as edited (its kind, weekday and hours); its worker stays."""
    _require_team_edit(by, window.worker, site)
    _audit(AuditAction.UPDATE, _window(window), site, by)
    return window


@transaction.atomic
def remove_window(window: WeeklyWindow, *, site: Site, by: Principal) -> None:
    _require_team_edit(by, window.worker, site)
    writes.delete_audited(window, by=by, site_id=site.pk)


@transaction.atomic
def link_worker_account(worker: Worker, *, site: Site, user: User, by: Principal) -> Worker:
    """The user then sees the worker's shifts on "my shifts"; they must be of the site."""
    _require_team_edit(by, worker, site)
    if not works_at(user, site.pk):
        raise ValidationError({"user": _("Only a member of this site can be linked.")})
    if Worker.objects.filter(user=user).exclude(pk=worker.pk).exists():
        raise ValidationError({"user": _("This account is already linked to another worker.")})
    worker.user = user
    return writes.save_changed(worker, by=by, fields=["user"], site_id=site.pk)


@transaction.atomic
def unlink_worker_account(worker: Worker, *, site: Site, by: Principal) -> Worker:
    _require_team_edit(by, worker, site)
    worker.user = None
    return writes.save_changed(worker, by=by, fields=["user"], site_id=site.pk)


@transaction.atomic
def remove_absence(absence: Absence, *, site: Site, by: Principal) -> None:
    """An absence entered by mistake; the plannings already made are not changed."""
    _require_team_edit(by, absence.worker, site)
    writes.delete_audited(absence, by=by, site_id=site.pk)


@transaction.atomic
def send_calendar_link(worker: Worker, *, site: Site, base_url: str, by: Principal) -> str:
    """E-mails the worker their calendar address, to their own address only; returns it.

    `base_url` is the scheme and host the worker's calendar app will fetch from.
    """
    _require_team_edit(by, worker, site)
    if not worker.email:
        raise ValidationError(
            {"email": _("This worker has no e-mail address: add it to their details first.")}
        )
    link = base_url.rstrip("/") + reverse("calendar_feed", args=[worker.calendar_token])
    text = gettext(
        "Here is the private address of your shift calendar. Add it to your calendar app as a "
        "subscription (“add a calendar from a link”): it always shows your published shifts."
        "\n\n%(link)s\n\nAnyone who has this address sees your shifts: keep it to yourself. If "
        "it gets out, ask your coordination for a new one."
    ) % {"link": link}
    send_notice_to_addresses([worker.email], Notice(gettext("Coordo: your shift calendar"), text))
    _audit(AuditAction.EXPORT, worker, site, by)
    return worker.email
