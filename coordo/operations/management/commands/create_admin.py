"""`coordo manage create_admin`: the first organisation, its first site and its admin.

Everything after that is done in Coordo by this admin (Manage → Users, Sites). The
password is asked twice (or read from standard input with --password-stdin) and never
taken on the command line, where `ps` and the shell history would keep it.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.text import slugify

from coordo.access import audit
from coordo.access.models import AuditAction, Membership, Organisation, Site, SystemActor, User
from coordo.access.roles import Role, SiteKind


class Command(BaseCommand):
    help = "Create the first organisation, its first site and its administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="its name")
        parser.add_argument("--site", required=True, help="the first site's name")
        parser.add_argument("--site-kind", required=True, choices=SiteKind.values)
        parser.add_argument("--email", required=True, help="the admin's e-mail address")
        parser.add_argument("--full-name", required=True, help="the admin's name")
        parser.add_argument("--password-stdin", action="store_true", help="read the password")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if Organisation.objects.filter(name=options["organisation"]).exists():
            raise CommandError(f"An organisation named {options['organisation']!r} exists.")
        if User.objects.filter(email=email).exists():
            raise CommandError(f"A user with the address {email} exists.")
        password = self._password(options["password_stdin"])
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=options["organisation"], slug=slugify(options["organisation"])[:60]
            )
            site = Site.objects.create(
                organisation=organisation, name=options["site"], kind=options["site_kind"]
            )
            user = User.objects.create_user(
                email, password, full_name=options["full_name"], organisation=organisation
            )
            Membership.objects.create(
                organisation=organisation, user=user, site=site, role=Role.ADMIN
            )
            audit.record(
                AuditAction.CREATE, system=SystemActor.CREATE_ADMIN, obj=user, site_id=site.pk
            )
        self.stdout.write(
            f"{email} administers {organisation.name}. At the first login they set up the "
            "second factor (an authenticator app), then add users and sites in Coordo."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
