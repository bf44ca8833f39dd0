"""The organisation admin's pages: users, their memberships, sites and API tokens."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import actions, audit, queries
from coordo.access.forms import ApiTokenForm, MembershipForm, NewUserForm, SiteForm, UserForm
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction, Organisation, Site
from coordo.access.policy import Perm
from coordo.web.posting import apply_posted_form, errors_flashed, errors_onto, form_page


def _organisation(request: AuthedRequest) -> Organisation:
    if request.user.organisation is None:
        raise PermissionDenied
    return request.user.organisation


@require_perm(Perm.ORG_MANAGE)
def user_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    users = queries.users_of(principal).prefetch_related("memberships__site")
    audit.record(AuditAction.LIST, principal=principal, object_type="access.user")
    return render(request, "access/admin/user_list.html", {"users": users})


@require_perm(Perm.ORG_MANAGE)
def user_create(request: AuthedRequest) -> HttpResponse:
    return form_page(
        request,
        NewUserForm(request.POST or None),
        partial(actions.create_user, organisation=_organisation(request)),
        done=_("The account has been created. Now give it a role."),
        then=lambda user: redirect("user_detail", user_id=user.pk),
        template="access/admin/user_form.html",
    )


@require_perm(Perm.ORG_MANAGE)
def user_detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    principal = principal_of(request)
    user = queries.get_user(principal, user_id)
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            actions.update_user(user, by=principal, **form.cleaned_data)
            messages.success(request, _("The changes have been saved."))
            return redirect("user_detail", user_id=user.pk)
    else:
        audit.record(AuditAction.VIEW, principal=principal, obj=user)
    context = {
        "account": user,
        "form": form,
        "memberships": user.memberships.select_related("site"),
        "membership_form": MembershipForm(sites=queries.sites_of(principal)),
    }
    return render(request, "access/admin/user_detail.html", context)


@require_POST
@require_perm(Perm.ORG_MANAGE)
def user_set_active(request: AuthedRequest, user_id: int) -> HttpResponse:
    principal = principal_of(request)
    user = queries.get_user(principal, user_id)
    with errors_flashed(request):
        if request.POST.get("active") == "1":
            actions.reactivate_user(user, by=principal)
            messages.success(request, _("The account is active again."))
        else:
            actions.deactivate_user(user, by=principal)
            messages.success(request, _("The account is deactivated and its sessions are ended."))
    return redirect("user_detail", user_id=user.pk)


@require_POST
@require_perm(Perm.ORG_MANAGE)
def user_force_password_reset(request: AuthedRequest, user_id: int) -> HttpResponse:
    principal = principal_of(request)
    user = queries.get_user(principal, user_id)
    with errors_flashed(request):
        actions.force_password_reset(user, by=principal, base_url=request.build_absolute_uri("/"))
        messages.success(
            request,
            _(
                "The password no longer works and the sessions have ended; a link to choose "
                "a new one went to the user's e-mail address."
            ),
        )
    return redirect("user_detail", user_id=user.pk)


@require_POST
@require_perm(Perm.ORG_MANAGE)
def membership_add(request: AuthedRequest, user_id: int) -> HttpResponse:
    principal = principal_of(request)
    user = queries.get_user(principal, user_id)
    form = MembershipForm(request.POST, sites=queries.sites_of(principal))
    action = partial(actions.grant_membership, user)
    apply_posted_form(request, form, action, _("The role has been granted."))
    return redirect("user_detail", user_id=user.pk)


@require_POST
@require_perm(Perm.ORG_MANAGE)
def membership_remove(request: AuthedRequest, membership_id: int) -> HttpResponse:
    principal = principal_of(request)
    membership = queries.get_membership(principal, membership_id)
    actions.revoke_membership(membership, by=principal)
    messages.success(request, _("The role has been removed."))
    return redirect("user_detail", user_id=membership.user_id)


@require_perm(Perm.ORG_MANAGE)
def site_list(request: AuthedRequest) -> HttpResponse:
    sites = queries.sites_of(principal_of(request))
    return render(request, "access/admin/site_list.html", {"sites": sites})


@require_perm(Perm.ORG_MANAGE)
def site_edit(request: AuthedRequest, site_id: int | None = None) -> HttpResponse:
    principal = principal_of(request)
    site = (
        queries.get_site(principal, site_id)
        if site_id
        else Site(organisation=_organisation(request))
    )
    form = SiteForm(request.POST or None, instance=site)
    return form_page(
        request,
        form,
        # The form's fields are on its instance already.
        lambda by, **_fields: actions.save_site(form.save(commit=False), by=by),
        done=_("The site has been saved."),
        then=redirect("site_list"),
        template="access/admin/site_form.html",
        context={"site": site},
    )


@require_perm(Perm.ORG_MANAGE)
def token_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    form = ApiTokenForm(request.POST or None, sites=queries.sites_of(principal))
    raw_key = None
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            _token, raw_key = actions.issue_api_token(
                organisation=_organisation(request),
                by=principal,
                **form.cleaned_data,
            )
            messages.success(
                request, _("The token has been created. Copy it now: it will not be shown again.")
            )
            form = ApiTokenForm(sites=queries.sites_of(principal))
    context = {"tokens": queries.tokens_of(principal), "form": form, "raw_key": raw_key}
    return render(request, "access/admin/token_list.html", context)


@require_POST
@require_perm(Perm.ORG_MANAGE)
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    principal = principal_of(request)
    token = get_object_or_404(queries.tokens_of(principal), pk=token_id)
    actions.revoke_api_token(token, by=principal)
    messages.success(request, _("The token has been revoked."))
    return redirect("token_list")
