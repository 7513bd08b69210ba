"""``fkstod usage show``: the anonymous counts kept in the data folder."""

from __future__ import annotations

import argparse

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the usage subcommands."""
    p = sub.add_parser("usage", help=_("visa den anonyma användningsstatistiken"))
    inner = p.add_subparsers(dest="usage_command", metavar="KOMMANDO", required=True)
    s = inner.add_parser("show", help=_("visa antalen per månad"))
    s.set_defaults(func=show)


def show(args: argparse.Namespace) -> int:
    """Print every count: month, what, details, count."""
    from fkstod.cli.data import open_data_store
    from fkstod.core.flows import load_library
    from fkstod.core.usage import UsageRecorder
    from fkstod.core.usage.present import describe

    opened = open_data_store(args)
    try:
        counts = UsageRecorder(opened.db).counts()
    finally:
        opened.db.close()
    if not counts:
        print(_("Inga antal sparade ännu."))
        return 0
    titles = {flow.id: flow.title for flow in load_library().flows.values()}
    for row in describe(counts, titles):
        print(f"{row.month}  {row.count:>6}  {row.what}: {row.details}")
    return 0
