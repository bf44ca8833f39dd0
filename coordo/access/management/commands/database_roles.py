"""`manage.py database_roles`: create or repair the owner and runtime roles (PostgreSQL).

Run it once as a superuser, connected to Coordo's database, after the first migration or
before it; run it again at any time: it only repairs. See docs/production.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from coordo.access.database_roles import role_problems, setup_statements


class Command(BaseCommand):
    help = "Create the PostgreSQL owner and runtime roles and their grants (run as a superuser)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", default="coordo_owner", help="the role that migrates")
        parser.add_argument("--app", default="coordo_app", help="the role the application uses")
        parser.add_argument("--print", action="store_true", help="print the SQL, run nothing")

    def handle(self, *args: Any, owner: str, app: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("database roles exist on PostgreSQL only; SQLite needs none")
        try:
            statements = setup_statements(connection.settings_dict["NAME"], owner, app)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["print"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            cursor.execute(f"SET LOCAL ROLE {app}")
            left = role_problems(connection)
            cursor.execute("RESET ROLE")
            if left:
                raise CommandError("the runtime role still " + "; ".join(left))
        self.stdout.write(
            f"{owner} owns the database and its tables; {app} may read and write them and only "
            f"read and append to the audit trail. Give both a password (psql: \\password {app}), "
            f"then run the application as {app} and migrations as {owner}."
        )
