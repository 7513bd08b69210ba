"""The command line. With no subcommand it starts the GUI.

Exit codes: 0 success, 1 the input was bad (the message says what and where),
2 a usage error. Bad input never shows a traceback. Subcommands never import
Qt, so they work without a display and start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fkstod import __version__
from fkstod.core.i18n import _

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2

# argparse's own words, in Swedish. argparse looks its messages up through the
# module-level name ``_`` at call time, so replacing it translates them.
_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionsnumret och avsluta",
    "unrecognized arguments: %s": "okänt argument: %s",
    "the following arguments are required: %s": "det här saknas: %s",
    "expected one argument": "ett värde behövs",
    "expected at least one argument": "minst ett värde behövs",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid choice: %(value)r, choose from %(choices)s": "ogiltigt val: %(value)r, välj bland %(choices)s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "kan inte kombineras med %s",
}
argparse._ = lambda text: _ARGPARSE_SV.get(text, text)  # type: ignore[attr-defined]


class CliError(Exception):
    """Bad input: printed as one line, exit code 1."""


class SwedishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Swedish line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (se {self.prog} --help)\n")


def build_parser() -> SwedishArgumentParser:
    """Return the parser for the whole command line."""
    from fkstod.commands import COMMANDS

    parser = SwedishArgumentParser(
        prog="fkstod",
        description=_("Stöd för handläggare vid frågor om våld i nära relationer."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"fkstod {__version__}",
        help=_("visa versionsnumret och avsluta"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="MAPP",
        help=_("datamapp (annars FKSTOD_DATA_DIR eller systemets standardmapp)"),
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=_("starta fönstret och avsluta när det visats (för test och mätning)"),
    )
    sub = parser.add_subparsers(
        dest="command", metavar="KOMMANDO", parser_class=SwedishArgumentParser
    )
    for register in COMMANDS:
        register(sub)
    return parser


def _reconfigure_streams() -> None:
    # A Windows console may not speak UTF-8: never crash on å, ä, ö.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    _reconfigure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from fkstod.app import run_gui

        return run_gui(data_dir=args.data_dir, exit_when_ready=args.exit_when_ready)
    import sqlite3

    from fkstod.core.oserrors import describe_db_error
    from fkstod.core.store import StoreError

    try:
        return int(args.func(args) or EXIT_OK)
    except (CliError, StoreError) as exc:
        # StoreError: a write failed (locked, read-only, disk full); nothing was kept.
        print(f"fkstod: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.Error as exc:
        # A database error no command put into words: still Swedish, never SQLite's English.
        print(
            "fkstod: " + _("databasfel: {reason}").format(reason=describe_db_error(exc)),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def main_gui() -> int:
    """Entry point of the windowed executable: always the GUI."""
    return main(sys.argv[1:])
