"""`coordo audit verify`: walk the audit trail's hash chains and name the first broken link.

    coordo audit verify                          every chain
    coordo audit verify --organisation SLUG      one organisation's chain ("-": no organisation)
    coordo audit verify --organisation SLUG --head ROW:HASH
                                                 and say whether a head written to the log
                                                 by the daily job is still there

Exit status 0 when every chain verified is whole, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys

from coordo.cli import start_django

NO_ORGANISATION = "-"


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coordo audit", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify the audit trail's hash chains")
    verify.add_argument("--organisation", metavar="SLUG", help='one chain ("-": no organisation)')
    verify.add_argument("--head", metavar="ROW:HASH", help="a head from the log, still there?")
    return parser


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    start_django()
    from coordo.access import audit_chain
    from coordo.access.models import Organisation

    slugs: dict[int | None, str] = dict(Organisation.objects.values_list("pk", "slug"))
    slugs[None] = NO_ORGANISATION
    if args.organisation is None:
        if args.head:
            print("coordo audit: --head needs --organisation", file=sys.stderr)
            return 2
        chains = audit_chain.chain_ids()
    elif args.organisation == NO_ORGANISATION:
        chains = [None]
    else:
        found = [pk for pk, slug in slugs.items() if slug == args.organisation]
        if not found:
            print(f"coordo audit: no organisation {args.organisation!r}", file=sys.stderr)
            return 2
        chains = found
    whole = True
    for organisation_id in chains:
        report = audit_chain.verify_chain(organisation_id)
        label = slugs[organisation_id]
        if report.intact:
            head = f"head row {report.head[0]} {report.head[1]}" if report.head else "empty"
            print(f"{label}: {report.rows} rows, chain intact; {head}")
        else:
            whole = False
            print(
                f"{label}: BROKEN at row {report.broken_at} (after {report.rows} good rows): "
                f"{report.problem}"
            )
    if args.head:
        row, _, hash_ = args.head.partition(":")
        if not row.isdigit() or not hash_:
            print("coordo audit: --head takes ROW:HASH, as the log writes them", file=sys.stderr)
            return 2
        if audit_chain.has_row(chains[0], int(row), hash_):
            print(f"{slugs[chains[0]]}: the logged head, row {row}, is still in the chain")
        else:
            whole = False
            print(f"{slugs[chains[0]]}: MISSING the logged head, row {row}: rows were removed")
    return 0 if whole else 1
