"""Answers anyone may keep a copy of: published pages that hold no personal data.

Everything else is `no-store` (coordo.access.middleware.NoStoreMiddleware: every page a
logged-in user sees, every API answer). A view marks its answer `public` here, and the
middleware then leaves it cacheable for whoever is not logged in.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

MAX_AGE = 300  # five minutes: a change shows soon, a busy door screen costs little
_MARK = "coordo_public"


def public(response: HttpResponse, *, max_age: int = MAX_AGE) -> HttpResponse:
    """Shared and browser caches may keep it `max_age` seconds, one copy per language."""
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ["Accept-Language"])
    setattr(response, _MARK, True)
    return response


def is_public(response: HttpResponse) -> bool:
    return getattr(response, _MARK, False) is True
