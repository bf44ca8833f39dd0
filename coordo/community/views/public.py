"""The public programme of a site: no login, no personal data, cacheable; and its feed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordo.community import ics, queries
from coordo.web.caching import public

PUBLIC_LANGUAGES = ("fr", "nl", "en")
WEEKS_AHEAD = 6
FEED_WEEKS = 26


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    if asked in PUBLIC_LANGUAGES:
        return asked
    return translation.get_language_from_request(request) or "fr"


def _public_page(
    request: HttpRequest, template: str, context: Callable[[], Mapping[str, object]]
) -> HttpResponse:
    """A public page in the language asked for, with the languages to switch to; `context()`
    is made in that language. Cacheable: it holds no personal data."""
    language = _language(request)
    with translation.override(language):
        page = {**context(), "language": language, "languages": PUBLIC_LANGUAGES}
        response = render(request, template, page)
    return public(response)


@login_not_required
def public_programme(request: HttpRequest, site_id: int) -> HttpResponse:
    site = queries.public_site(site_id)
    today = timezone.localdate()
    return _public_page(
        request,
        "community/public_programme.html",
        lambda: {
            "site": site,
            "items": queries.programme(
                queries.published_activities(site), today, today + timedelta(weeks=WEEKS_AHEAD)
            ),
        },
    )


@login_not_required
def public_activity(request: HttpRequest, site_id: int, activity_id: int) -> HttpResponse:
    site = queries.public_site(site_id)
    activity = queries.get_published_activity(site, activity_id)  # a draft is a 404
    today = timezone.localdate()
    return _public_page(
        request,
        "community/public_activity.html",
        lambda: {
            "site": site,
            "activity": activity,
            "occurrences": queries.occurrences(
                activity, today, today + timedelta(weeks=WEEKS_AHEAD)
            ),
        },
    )


@login_not_required
def public_programme_ics(request: HttpRequest, site_id: int) -> HttpResponse:
    site = queries.public_site(site_id)
    today = timezone.localdate()
    items = queries.programme(
        queries.published_activities(site),
        today - timedelta(weeks=4),
        today + timedelta(weeks=FEED_WEEKS),
    )
    title = _("Programme of %(site)s") % {"site": site.name}
    body = ics.calendar(items, title=title, host=request.get_host())
    return public(HttpResponse(body, content_type="text/calendar; charset=utf-8"))


@login_not_required
def public_house_rules(request: HttpRequest, site_id: int) -> HttpResponse:
    """The house rules in force, printable: for the door, the rooms, the newcomers."""
    site = queries.public_site(site_id)
    version = queries.rules_in_force(site, timezone.localdate())
    if version is None:
        raise Http404
    context = {"site": site, "version": version}
    return _public_page(request, "community/public_house_rules.html", lambda: context)
