"""``fkstod flows list`` and ``fkstod flows outline FLOW_ID``."""

from __future__ import annotations

import argparse

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the flows subcommand and its two actions."""
    from fkstod.cli.base import SwedishArgumentParser

    p = sub.add_parser("flows", help=_("lista och läs frågeflöden"))
    actions = p.add_subparsers(
        dest="flows_command", metavar="ÅTGÄRD", required=True, parser_class=SwedishArgumentParser
    )
    a = actions.add_parser("list", help=_("id, titel, förmåner och version för varje flöde"))
    a.set_defaults(func=list_flows)
    a = actions.add_parser("outline", help=_("hela flödet, läsbart, för granskning och utskrift"))
    a.add_argument("flow_id", metavar="FLÖDES_ID")
    a.add_argument("--format", choices=("text", "md", "html"), default="text")
    a.set_defaults(func=outline_flow)


def list_flows(args: argparse.Namespace) -> int:
    """Print one line per flow, then the unavailable files with their faults."""
    from fkstod.core.flows import load_library

    library = load_library()
    for flow in sorted(library.flows.values(), key=lambda f: (f.is_jump, f.id)):
        kind = _(" (hopp)") if flow.is_jump else ""
        print(f"{flow.id}\t{flow.title}{kind}\t{', '.join(flow.benefits)}\t{flow.version}")
    for broken in library.unavailable:
        print(_("EJ TILLGÄNGLIG\t{path}\t{n} fel").format(path=broken.path, n=len(broken.problems)))
        for problem in broken.problems:
            print(f"  {problem}")
    return 1 if library.unavailable else 0


def outline_flow(args: argparse.Namespace) -> int:
    """Print the whole flow in the chosen format."""
    from fkstod.cli.base import CliError
    from fkstod.core.flows import load_library
    from fkstod.core.flows.outline import outline

    library = load_library()
    flow = library.flows.get(args.flow_id)
    if flow is None:
        broken = [u for u in library.unavailable if args.flow_id in u.path]
        if broken:
            raise CliError(
                _("flödet {id} har fel och kan inte visas (se fkstod lint {path})").format(
                    id=args.flow_id, path=broken[0].path
                )
            )
        raise CliError(
            _("flödet {id} finns inte; finns: {ids}").format(
                id=args.flow_id, ids=", ".join(library.ids())
            )
        )
    titles = {f.id: f.title for f in library.flows.values()}
    print(outline(flow, args.format, titles), end="")
    return 0
