"""The programme as the team sees it: proposals, the accepted and published activities."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.community import actions, poster, queries
from coordo.community.forms import ActivityForm, MoveForm, OccurrenceForm, SettingsForm
from coordo.community.models import ActivityStatus
from coordo.community.queries import site_activities
from coordo.web.downloads import attachment
from coordo.web.posting import apply_posted_form, errors_flashed, save_posted_form, saved_or_flashed
from coordo.web.sites import current_site

WEEKS_SHOWN = 8


@require_perm(Perm.COMMUNITY_VIEW)
def programme(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.COMMUNITY_VIEW)
    activities = queries.site_activities(principal, site)
    today = timezone.localdate()
    context = {
        "site": site,
        "proposals": activities.filter(status=ActivityStatus.PROPOSED),
        "programme": activities.filter(
            status__in=[ActivityStatus.ACCEPTED, ActivityStatus.PUBLISHED]
        ),
        "withdrawn": activities.filter(status=ActivityStatus.WITHDRAWN),
        "coming": queries.programme(
            activities.exclude(status__in=[ActivityStatus.PROPOSED, ActivityStatus.WITHDRAWN]),
            today,
            today + timedelta(weeks=2),
        ),
        "settings": queries.settings_of(site),
        "can_edit": principal.can(Perm.PROGRAMME_EDIT, site.pk),
        "can_propose": principal.can(Perm.ACTIVITY_PROPOSE, site.pk),
        "can_count": principal.can(Perm.ATTENDANCE_RECORD, site.pk),
        "can_figures": principal.can(Perm.COMMUNITY_FIGURES, site.pk),
        "can_outreach": principal.can(Perm.OUTREACH_RECORD, site.pk),
    }
    return render(request, "community/programme.html", context)


def _activity_form(request: AuthedRequest, site: object, **kwargs: object) -> ActivityForm:
    principal = principal_of(request)
    return ActivityForm(
        request.POST or None,
        hosts=queries.hosts_of_site(principal, site),  # type: ignore[arg-type]
        partners=queries.partners_of(principal),
        **kwargs,  # type: ignore[arg-type]
    )


@require_perm(Perm.ACTIVITY_PROPOSE)
def activity_propose(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.ACTIVITY_PROPOSE)
    form = _activity_form(request, site)
    if request.method == "POST":

        def write(**values: object) -> object:
            return actions.propose_activity(site, by=principal_of(request), **values)

        if save_posted_form(request, form, write, _("The proposal is recorded.")):
            return redirect("community_programme")
    return render(
        request, "community/activity_form.html", {"form": form, "title": _("Propose an activity")}
    )


@require_perm(Perm.COMMUNITY_VIEW)
def activity_detail(request: AuthedRequest, activity_id: int) -> HttpResponse:
    principal = principal_of(request)
    activity = queries.get_activity(principal, activity_id)
    today = timezone.localdate()
    occurrences = queries.occurrences(
        activity, today - timedelta(weeks=WEEKS_SHOWN), today + timedelta(weeks=WEEKS_SHOWN)
    )
    counted = queries.attendance_of(activity)
    rows = [(o, counted.get(o.original_date)) for o in occurrences]
    context = {
        "activity": activity,
        "rows": rows,
        "today": today,
        "can_edit": principal.can(Perm.PROGRAMME_EDIT, activity.site_id),
        "can_count": principal.can(Perm.ATTENDANCE_RECORD, activity.site_id),
        "move_form": MoveForm(),
    }
    return render(request, "community/activity_detail.html", context)


@require_perm(Perm.PROGRAMME_EDIT)
def activity_edit(request: AuthedRequest, activity_id: int) -> HttpResponse:
    principal = principal_of(request)
    activity = queries.get_activity(principal, activity_id, Perm.PROGRAMME_EDIT)
    form = _activity_form(request, activity.site, instance=activity)
    if request.method == "POST":

        def write(**values: object) -> object:
            return actions.update_activity(activity, by=principal, **values)

        if save_posted_form(request, form, write, _("The changes have been saved.")):
            return redirect("community_activity", activity.pk)
    return render(request, "community/activity_form.html", {"form": form, "title": activity.title})


def _status_change(
    request: AuthedRequest, activity_id: int, write: object, done: str
) -> HttpResponse:
    principal = principal_of(request)
    activity = queries.get_activity(principal, activity_id, Perm.PROGRAMME_EDIT)
    with errors_flashed(request):
        write(activity, by=principal)  # type: ignore[operator]
        messages.success(request, done)
    return redirect("community_activity", activity.pk)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def activity_accept(request: AuthedRequest, activity_id: int) -> HttpResponse:
    done = _("The activity is accepted into the programme.")
    return _status_change(request, activity_id, actions.accept_activity, done)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def activity_publish(request: AuthedRequest, activity_id: int) -> HttpResponse:
    done = _("The activity is published.")
    return _status_change(request, activity_id, actions.publish_activity, done)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def activity_withdraw(request: AuthedRequest, activity_id: int) -> HttpResponse:
    done = _("The activity is withdrawn.")
    return _status_change(request, activity_id, actions.withdraw_activity, done)


def _occurrence_change(
    request: AuthedRequest, activity_id: int, form: object, write: object, done: str
) -> HttpResponse:
    principal = principal_of(request)
    activity = queries.get_activity(principal, activity_id, Perm.PROGRAMME_EDIT)

    def bound(**values: object) -> object:
        return write(activity, **values)  # type: ignore[operator]

    apply_posted_form(request, form, bound, done)  # type: ignore[arg-type]
    return redirect("community_activity", activity.pk)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def occurrence_cancel(request: AuthedRequest, activity_id: int) -> HttpResponse:
    form = OccurrenceForm(request.POST)
    done = _("The occurrence is cancelled.")
    return _occurrence_change(request, activity_id, form, actions.cancel_occurrence, done)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def occurrence_move(request: AuthedRequest, activity_id: int) -> HttpResponse:
    form = MoveForm(request.POST)
    done = _("The occurrence is moved.")
    return _occurrence_change(request, activity_id, form, actions.move_occurrence, done)


@require_POST
@require_perm(Perm.PROGRAMME_EDIT)
def occurrence_restore(request: AuthedRequest, activity_id: int) -> HttpResponse:
    form = OccurrenceForm(request.POST)
    done = _("The occurrence takes place as planned.")
    return _occurrence_change(request, activity_id, form, actions.restore_occurrence, done)


@require_perm(Perm.PROGRAMME_EDIT)
def community_settings(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.PROGRAMME_EDIT)
    settings = queries.settings_of(site)
    initial = {"public_programme": bool(settings and settings.public_programme)}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def write(**values: object) -> object:
            return actions.set_public_programme(site, by=principal_of(request), **values)  # type: ignore[arg-type]

        if saved_or_flashed(request, form, write, _("The changes have been saved.")):
            return redirect("community_programme")
    return render(
        request, "community/settings.html", {"form": form, "site": site, "settings": settings}
    )


@require_perm(Perm.COMMUNITY_VIEW)
def programme_poster(request: AuthedRequest) -> HttpResponse:
    """The coming week (or, with ?period=month, the coming month) of the programme as A4."""
    principal = principal_of(request)
    site = current_site(request, Perm.COMMUNITY_VIEW)
    today = timezone.localdate()
    month = request.GET.get("period") == "month"
    until = today + timedelta(days=30 if month else 6)
    shown = site_activities(principal, site).filter(
        status__in=[ActivityStatus.ACCEPTED, ActivityStatus.PUBLISHED]
    )
    items = queries.programme(shown, today, until)
    title = _("Programme from %(start)s to %(end)s") % {
        "start": date_format(today, "j F"),
        "end": date_format(until, "j F Y"),
    }
    body = poster.render(site, title, items)
    name = f"programme-{slugify(site.name)}-{today:%Y-%m-%d}.pdf"
    return attachment(body, filename=name, content_type="application/pdf", inline=True)
