"""The daily batch: run it, watch its progress, review every proposal, decide, see fairness."""

from __future__ import annotations

import json
from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.dispatch import explanations, queries
from coordo.dispatch.actions import batches
from coordo.dispatch.fairness import fairness_tables
from coordo.dispatch.forms import MonthForm, OverrideForm
from coordo.dispatch.models import Batch, BatchStatus, Proposal
from coordo.web.downloads import attachment
from coordo.web.periods import asked_day
from coordo.web.posting import errors_flashed, form_page
from coordo.web.sites import current_site


@require_POST
@require_perm(Perm.DISPATCH_RUN)
def batch_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.DISPATCH_RUN)
    with errors_flashed(request):
        batch = batches.create_batch(site, by=principal)
        return redirect("dispatch_batch_detail", batch_id=batch.pk)
    return redirect("dispatch_home")


@require_perm(Perm.DISPATCH_VIEW)
def batch_detail(request: AuthedRequest, batch_id: int) -> HttpResponse:
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=batch)
    can_run = principal.can(Perm.DISPATCH_RUN, batch.site_id)
    here = request.current_site is not None and request.current_site.pk == batch.site_id
    context = {
        "batch": batch,
        "rows": queries.proposal_rows(batch),
        "can_run": can_run,
        # A failed run (a dead worker's included) is run again from its own site.
        "can_restart": can_run and here and batch.state == BatchStatus.FAILED,
        **_batch_texts(batch),
    }
    return render(request, "dispatch/batch_detail.html", context)


def _batch_texts(batch: Batch) -> dict[str, str]:
    """The progress and the result of a batch in words, not in stage letters."""
    texts = {"progress_text": "", "result_text": ""}
    if batch.progress.get("stage"):
        texts["progress_text"] = explanations.progress_text(batch.progress)
    if batch.result.get("score"):
        persons = sum(len(h["members"]) for h in batch.snapshot["households"])
        texts["result_text"] = explanations.result_text(batch.result, persons)
    return texts


@require_perm(Perm.DISPATCH_VIEW)
def batch_progress(request: AuthedRequest, batch_id: int) -> HttpResponse:
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id)
    context = {
        "batch": batch,
        "can_run": principal.can(Perm.DISPATCH_RUN, batch.site_id),
        **_batch_texts(batch),
    }
    response = render(request, "dispatch/batch_detail.html#progress", context)
    if not batch.is_running and request.htmx:
        response["HX-Refresh"] = "true"  # the proposals are in: show the review screen
    return response


@require_perm(Perm.DISPATCH_RUN)
def batch_snapshot(request: AuthedRequest, batch_id: int) -> HttpResponse:
    """The frozen input, to replay with `coordo dispatch solve` and explain a decision later."""
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id, Perm.DISPATCH_RUN)
    audit.record(AuditAction.EXPORT, principal=principal, obj=batch)
    return attachment(
        json.dumps(batch.snapshot, cls=DjangoJSONEncoder, indent=1),
        filename=f"dispatch-{batch.date}-{batch.pk}.json",
        content_type="application/json",
    )


@require_POST
@require_perm(Perm.DISPATCH_RUN)
def batch_cancel(request: AuthedRequest, batch_id: int) -> HttpResponse:
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id, Perm.DISPATCH_RUN)
    batches.request_cancel(batch, by=principal)
    messages.success(
        request, _("Cancelling: the optimiser stops and this batch will not be decided.")
    )
    return redirect("dispatch_batch_detail", batch_id=batch.pk)


@require_POST
@require_perm(Perm.DISPATCH_RUN)
def batch_accept(request: AuthedRequest, batch_id: int) -> HttpResponse:
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id, Perm.DISPATCH_RUN)
    with errors_flashed(request):
        count = batches.accept_all(batch, by=principal)
        messages.success(request, _("%(count)s proposals accepted.") % {"count": count})
    return redirect("dispatch_batch_detail", batch_id=batch.pk)


@require_perm(Perm.DISPATCH_RUN)
def proposal_override(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    principal = principal_of(request)
    proposal: Proposal = queries.get_proposal(principal, proposal_id, Perm.DISPATCH_RUN)
    units = queries.network_units(proposal.organisation_id)
    form = OverrideForm(request.POST or None, units=units, choices=queries.unit_choices(proposal))
    names = queries.centre_names(proposal.organisation_id)
    text = explanations.proposal_text(proposal.explanation, proposal.unplaced_reason, names)
    return form_page(
        request,
        form,
        partial(batches.override_proposal, proposal),
        done=_("The override has been recorded."),
        then=redirect("dispatch_batch_detail", batch_id=proposal.batch_id),
        template="dispatch/override_form.html",
        context={"proposal": proposal, "text": text},
        shown=lambda: audit.record(
            AuditAction.VIEW, principal=principal, obj=proposal, site_id=proposal.batch.site_id
        ),
    )


@require_perm(Perm.DISPATCH_RUN)
def batch_fairness(request: AuthedRequest, batch_id: int) -> HttpResponse:
    principal = principal_of(request)
    batch = queries.get_batch(principal, batch_id, Perm.DISPATCH_RUN)
    context = {"batch": batch, "tables": fairness_tables(batch.proposals.all())}
    return render(request, "dispatch/fairness.html", context)


@require_perm(Perm.DISPATCH_RUN)
def fairness_month(request: AuthedRequest) -> HttpResponse:
    """The decided batches of one month (`?month=2026-11`, this month by default)."""
    principal = principal_of(request)
    form = MonthForm(request.GET)
    # A month out of range: this month, and the error shown.
    first, refused = asked_day(form, "month", timezone.localdate().replace(day=1))
    decided = queries.batches_visible_to(principal, Perm.DISPATCH_RUN).filter(
        date__year=first.year, date__month=first.month, status=BatchStatus.CLOSED
    )
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    context = {
        "month": first,
        "previous": previous,
        "following": following,
        "tables": fairness_tables(queries.proposals_of_batches(decided)),
        "form": form,
    }
    return render(request, "dispatch/fairness.html", context, status=400 if refused else 200)
