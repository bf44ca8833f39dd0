"""Subject access: everything held on one person, as a printable page or as JSON."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.casework.subject_access import gather, sections
from coordo.people.queries import get_person


@require_perm(Perm.SUBJECT_ACCESS_EXPORT)
def subject_access_export(request: AuthedRequest, person_id: int) -> HttpResponse:
    """The HTML page is the readable file (print it to PDF); `?format=json` is the machine copy."""
    principal = principal_of(request)
    person = get_person(principal, person_id, Perm.SUBJECT_ACCESS_EXPORT)
    data = gather(principal, person)
    audit.record(AuditAction.EXPORT, principal=principal, obj=person)
    if request.GET.get("format") == "json":
        response: HttpResponse = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.json"'
        return response
    return render(
        request,
        "casework/subject_access.html",
        {"data": data, "person": person, "sections": sections(principal, person, data)},
    )
