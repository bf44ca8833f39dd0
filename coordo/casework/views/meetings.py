"""Case meeting pages: the list, a new meeting, and its decisions and actions."""

from __future__ import annotations

from functools import partial

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, current_site_id, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.casework import queries
from coordo.casework.actions import meetings
from coordo.casework.forms import MeetingActionForm, MeetingForm
from coordo.people.queries import persons_visible_to
from coordo.web.posting import apply_posted_form, form_page
from coordo.web.sites import current_site


@require_perm(Perm.CASE_VIEW)
def meeting_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site_id = current_site_id(request) or 0
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.casemeeting", site_id=site_id
    )
    context = {
        "meetings": queries.meetings_visible_to(principal).filter(site_id=site_id)[:100],
        "can_edit": principal.can(Perm.CASE_EDIT, site_id),
    }
    return render(request, "casework/meeting_list.html", context)


@require_perm(Perm.CASE_EDIT)
def meeting_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.CASE_EDIT)
    persons = persons_visible_to(principal).filter(site=site)
    return form_page(
        request,
        MeetingForm(request.POST or None, persons=persons),
        partial(meetings.record_meeting, site=site),
        done=_("The meeting has been recorded."),
        then=lambda meeting: redirect("meeting_detail", meeting_id=meeting.pk),
        template="casework/meeting_form.html",
        # The form lists the site's persons to choose those discussed.
        shown=lambda: audit.record(
            AuditAction.LIST, principal=principal, object_type="people.person", site_id=site.pk
        ),
    )


@require_perm(Perm.CASE_VIEW)
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = queries.get_meeting(principal, meeting_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=meeting)
    can_edit = principal.can(Perm.CASE_EDIT, meeting.site_id)
    context = {"meeting": meeting, "action_form": MeetingActionForm() if can_edit else None}
    return render(request, "casework/meeting_detail.html", context)


@require_POST
@require_perm(Perm.CASE_EDIT)
def meeting_action_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = queries.get_meeting(principal, meeting_id)
    form = MeetingActionForm(request.POST)
    action = partial(meetings.add_meeting_action, meeting)
    apply_posted_form(request, form, action, _("The decision has been added."))
    return redirect("meeting_detail", meeting_id=meeting.pk)
