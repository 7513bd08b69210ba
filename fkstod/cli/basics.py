"""``fkstod self-test`` and ``fkstod lint``."""

from __future__ import annotations

import argparse
from pathlib import Path

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the self-test and lint subcommands."""
    p = sub.add_parser("self-test", help=_("kontrollera installationen utan fönster"))
    p.set_defaults(func=self_test)

    p = sub.add_parser("lint", help=_("kontrollera flöden, mallar och katalogfiler"))
    p.add_argument("paths", nargs="*", type=Path, metavar="SÖKVÄG")
    p.set_defaults(func=lint)


def self_test(args: argparse.Namespace) -> int:
    """Run the headless self-test."""
    from fkstod.core import selftest

    return 0 if selftest.run() else 1


def lint(args: argparse.Namespace) -> int:
    """Print every problem as ``path:line: message``; exit 1 when there is any."""
    from fkstod.core.lint import lint as run_lint

    problems = run_lint(args.paths)
    for problem in problems:
        print(problem)
    if not problems:
        print(_("Inga fel."))
    return 1 if problems else 0
