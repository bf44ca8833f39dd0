"""Make a national-scale database ready for the load test: logins, sessions and a token.

Run after `benchmarks/housing/generate.py --scale 1 --database coordo_load`, which fills
it with 100 sites, 300,000 persons and about a million stays. This adds the fictional
demo organisation (front desk, planning), then writes var/load/sessions.json: a session
cookie for each kind of visitor (past the second factor, as after a real login), the
ids of the pages they open, and an API token. Nothing here is a real person's data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "var" / "load" / "sessions.json"


def setup_django(database: str) -> None:
    os.environ["COORDO_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie(email: str, site_name: str | None = None) -> str:
    """A logged-in, second-factor-verified session for `email`, at `site_name` if given."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coordo.access.middleware import SESSION_SITE_KEY
    from coordo.access.models import Site, User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="load test", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if site_name:
        session[SESSION_SITE_KEY] = Site.objects.get(name=site_name).pk
    session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def api_token(email: str) -> str:
    from coordo.access.models import ApiToken, Membership, User, hash_token

    user = User.objects.get(email=email)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None, f"{email} has a role somewhere"
    raw = ApiToken.new_raw_key()
    ApiToken.objects.create(
        organisation_id=user.organisation_id,
        name="load test",
        role=membership.role,
        site=membership.site,
        prefix=raw[4:12],
        key_hash=hash_token(raw),
        created_by=user,
    )
    return raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coordo_load")
    args = parser.parse_args()
    setup_django(args.database)
    from coordo.demo import builder
    from coordo.planning.models import Planning

    builder.build()
    bench = "bench-coordinator@bench.example"  # benchmarks/housing/generate.py
    demo_coordinator, front_desk = builder.USERS[0].email, builder.USERS[1].email
    planning = Planning.objects.filter(site__organisation__slug=builder.ORGANISATION[1]).first()
    visitors = {
        "bench_coordinator": session_cookie(bench),
        "front_desk": session_cookie(front_desk, "Accueil Ariane"),
        "demo_coordinator": session_cookie(
            demo_coordinator, planning.site.name if planning else None
        ),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        json.dumps(
            {
                "sessions": visitors,
                "planning_id": planning.pk if planning else None,
                "api_token": api_token(bench),
            },
            indent=2,
        )
    )
    print(
        f"{OUTPUT.relative_to(ROOT)}: {len(visitors)} sessions, planning {planning and planning.pk}"
    )


if __name__ == "__main__":
    main()
