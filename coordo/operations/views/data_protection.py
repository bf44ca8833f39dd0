"""The admin's data-protection pages: the retention dry run, and the record of processing
activities (GDPR art. 30) generated from the policy, the personal-data registry and the
retention rules, so the record cannot drift from what the code does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from coordo import personal_data, retention
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import PERSONAL_DATA_PERMS, POLICY, Perm
from coordo.access.queries import organisation_of
from coordo.access.roles import Role
from coordo.operations import retention as run
from coordo.operations.erasure import erase_person
from coordo.operations.queries import recent_retention_reports
from coordo.people.queries import get_person
from coordo.web.posting import errors_flashed

# Why each app processes personal data (art. 30(1)(b)); a new app adds its line.
PURPOSES = {
    "people": _("Identify the persons helped and record their consents."),
    "casework": _("Receive requests at the front desk and follow persons through a case file."),
    "housing": _("Place households in shelters and transitional housing, and count the nights."),
    "dispatch": _("Register asylum seekers' arrivals and allocate them a reception place."),
}

# Art. 32: what protects the data; each line names the code that does it.
SECURITY_MEASURES = (
    _("Access by role and site from one declarative policy; every check reads it."),
    _("A second factor for every role that reads personal data."),
    _("An append-only, hash-chained audit trail of every read and write of personal data."),
    _("Each organisation's data separated by an organisation key on every table."),
    _("Backups encrypted to a public key the server does not hold the secret of."),
    _("Retention rules applied daily, with a dry-run report first and legal holds."),
)


@dataclass(frozen=True)
class RuleRow:
    rule: retention.Rule
    model_name: str
    starts_name: str
    count: int | None


def _rule_rows(counts: dict[str, int] | None) -> list[RuleRow]:
    rows = []
    for rule in retention.rules():
        model = apps.get_model(rule.model)
        starts = str(model._meta.get_field(rule.starts).verbose_name) if rule.starts else ""
        count = (
            None
            if counts is None or rule.action == retention.Action.KEPT
            else counts.get(rule.key, 0)
        )
        rows.append(RuleRow(rule, str(model._meta.verbose_name_plural), starts, count))
    return rows


@require_safe
@require_perm(Perm.ORG_MANAGE)
def retention_report(request: AuthedRequest) -> HttpResponse:
    """What the retention rules would delete or anonymise today in this organisation."""
    organisation_id = principal_of(request).organisation_id
    counts = run.dry_run(organisation_id=organisation_id).get(organisation_id, {})
    context = {
        "rows": _rule_rows(counts),
        "applying": run.approved(),
        "reports": recent_retention_reports(organisation_id),
    }
    return render(request, "operations/retention.html", context)


@require_safe
@require_perm(Perm.ORG_MANAGE)
def processing_record(request: AuthedRequest) -> HttpResponse:
    """The record of processing activities (GDPR art. 30), printable."""
    organisation = organisation_of(principal_of(request))
    context: dict[str, Any] = {
        "organisation": organisation,
        "purposes": [
            (apps.get_app_config(label).verbose_name, text) for label, text in PURPOSES.items()
        ],
        "categories": [
            (source.title, [str(label) for label in (source.fields or {}).values()])
            for source in personal_data.sources()
        ],
        "recipients": [
            (
                Role(role).label,
                sorted(perm.value for perm in policy.perms & PERSONAL_DATA_PERMS),
                policy.scope,
            )
            for role, policy in POLICY.items()
            if policy.perms & PERSONAL_DATA_PERMS
        ],
        "rules": _rule_rows(None),
        "measures": SECURITY_MEASURES,
    }
    return render(request, "operations/processing_record.html", context)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.ERASURE)
def person_erasure(request: AuthedRequest, person_id: int) -> HttpResponse:
    """Her erasure request: a confirmation page, then what was erased and what stays, why."""
    principal = principal_of(request)
    person = get_person(principal, person_id, Perm.ERASURE)
    outcomes = None
    if request.method == "POST":
        with errors_flashed(request):
            outcomes = erase_person(person, by=principal)
            person.refresh_from_db()  # the page no longer names her once she is erased
        if outcomes is None:  # refused (a legal hold): the reasons are flashed
            return redirect("person_detail", person_id=person.pk)
    return render(request, "operations/erasure.html", {"person": person, "outcomes": outcomes})
