"""Access app: session plumbing, audit trail, organisation management, API schema."""

from __future__ import annotations

from django.db.models import Model
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conftest import make_user
from coordo.access.models import ApiToken, hash_token
from coordo.access.roles import Role
from tests.permissions.routes import ADMIN, AUDITORS, NOBODY, Route, api
from tests.world import Place

ROUTES: dict[str, Route] = {
    "login": Route(ok=302, anonymous=200),  # a logged-in user is sent to the dashboard
    "logout": Route(method="POST", ok=302, anonymous=302),
    "set_language": Route(method="POST", ok=302, anonymous=302, data={"language": "nl"}),
    "mfa_setup": Route(),  # a verified user may set up a new app (with the password again)
    "mfa_verify": Route(ok=302),  # nothing left to verify: on to the dashboard
    "password_change": Route(),
    # A forced reset's link is for someone logged out; anyone logged in is sent away.
    "password_reset_confirm": Route(target="reset_link", allowed=NOBODY, denied=302, anonymous=200),
    "dashboard": Route(),
    "switch_site": Route(method="POST", ok=302, data={"site": "0"}),
    "audit_trail": Route(allowed=AUDITORS),
    "user_list": Route(allowed=ADMIN),
    "user_create": Route(allowed=ADMIN),
    "user_detail": Route(target="user", allowed=ADMIN, org_wide=True),
    "user_set_active": Route(method="POST", target="user", allowed=ADMIN, ok=302, org_wide=True, data={"active": "1"}),
    "user_force_password_reset": Route(method="POST", target="user", allowed=ADMIN, ok=302, org_wide=True),
    "membership_add": Route(method="POST", target="user", allowed=ADMIN, ok=302, org_wide=True),
    "membership_remove": Route(method="POST", target="membership", allowed=ADMIN, ok=302, org_wide=True),
    "site_list": Route(allowed=ADMIN),
    "site_create": Route(allowed=ADMIN),
    "site_edit": Route(target="site", allowed=ADMIN, org_wide=True),
    "token_list": Route(allowed=ADMIN),
    "token_revoke": Route(method="POST", target="token", allowed=ADMIN, ok=302, org_wide=True),
    "api:api-root": api(allowed=NOBODY, denied=404, anonymous=404),
    "api:openapi-json": api(allowed=ADMIN, denied=404, anonymous=404),
    "api:openapi-view": api(allowed=ADMIN, denied=404, anonymous=404),
}  # fmt: skip

TARGETS = {
    "user": lambda place: {"user_id": place.records["user"].pk},
    "membership": lambda place: {"membership_id": place.records["membership"].pk},
    "site": lambda place: {"site_id": place.site.pk},
    "token": lambda place: {"token_id": place.records["token"].pk},
    "reset_link": lambda place: {
        "uidb64": urlsafe_base64_encode(force_bytes(place.records["user"].pk)),
        "token": "no-such-token",
    },
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    user = make_user(place.site, Role.HOST, email=f"target-{label}@test.example")
    token = ApiToken.objects.create(
        organisation=place.site.organisation,
        name=f"token {label}",
        role=Role.COORDINATOR,
        site=place.site,
        prefix=label[:8],
        key_hash=hash_token(f"raw-{label}"),
        created_by=user,
    )
    return {"user": user, "membership": user.memberships.get(), "token": token}
