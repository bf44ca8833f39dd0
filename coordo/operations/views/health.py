from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coordo.operations.health import failing_checks


@login_not_required
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """The load balancer's probe: 200 `{"status": "ok"}`, or 503 naming what fails."""
    failing = failing_checks()
    if not failing:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "failing", "failing": failing}, status=503)
