"""Subject access: everything held on one person, as a printable page or as JSON."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.casework.subject_access import gather, sections
from coordo.people.queries import get_person
from coordo.web.downloads import attachment


@require_perm(Perm.SUBJECT_ACCESS_EXPORT)
def subject_access_export(request: AuthedRequest, person_id: int) -> HttpResponse:
    """The HTML page is the readable file (print it to PDF); `?format=json` is the machine copy."""
    principal = principal_of(request)
    person = get_person(principal, person_id, Perm.SUBJECT_ACCESS_EXPORT)
    data = gather(principal, person)
    audit.record(AuditAction.EXPORT, principal=principal, obj=person)
    if request.GET.get("format") == "json":
        return attachment(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False),
            filename=f"subject-access-{person.pk}.json",
            content_type="application/json",
        )
    return render(
        request,
        "casework/subject_access.html",
        {"data": data, "person": person, "sections": sections(data)},
    )
