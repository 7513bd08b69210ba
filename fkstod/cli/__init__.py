"""The command line. With no subcommand it starts the GUI.

Exit codes: 0 success, 1 the input was bad (the message says what and where),
2 a usage error, 141 the reader of the output went away (``fkstod … | head``:
the command stops quietly, as a Unix tool the closed pipe ends does). Bad input
never shows a traceback. Subcommands never import Qt, so they work without a
display and start fast.

One module per subcommand (``basics``, ``flows``, ``directory``, ``orosanmalan``,
``usage``, ``training``), each with ``register(subparsers)`` that adds its parsers and sets
``func`` on each to a function ``(args) -> exit code``. What they share is in
``fkstod.cli.base``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from fkstod import __version__
from fkstod.cli.base import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    SwedishArgumentParser,
    reconfigure_streams,
)
from fkstod.core.i18n import _

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_OK",
    "EXIT_USAGE",
    "CliError",
    "build_parser",
    "main",
    "main_gui",
]


def build_parser() -> SwedishArgumentParser:
    """Return the parser for the whole command line."""
    from fkstod.cli import basics, directory, flows, orosanmalan, training, usage

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
    for module in (basics, flows, directory, orosanmalan, usage, training):
        module.register(sub)
    return parser


#: What the window's start needs that is not Qt code, imported before PySide6:
#: PySide6 reads the source of every module imported after it (looking for the
#: word "PySide6"), some 60 modules on the start path. The list only orders
#: imports that happen anyway; tests/ui/test_start_imports.py keeps it complete.
BEFORE_QT = (
    "csv",
    "getpass",
    "glob",
    "logging",
    "fkstod.core.collate",
    "fkstod.core.directory",
    "fkstod.core.files",
    "fkstod.core.flows",
    "fkstod.core.flows.cache",
    "fkstod.core.instance",
    "fkstod.core.kommuner",
    "fkstod.core.oserrors",
    "fkstod.core.schema",
    "fkstod.core.settings",
    "fkstod.core.store",
    "fkstod.core.usage",
    "fkstod.core.usage.local",
)


def import_before_qt() -> None:
    """Import the window's non-Qt modules before PySide6 is (see ``BEFORE_QT``)."""
    import importlib

    for name in BEFORE_QT:
        importlib.import_module(name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    try:
        try:
            return _run(argv)
        finally:
            # Written out here, inside the try: else the flush at interpreter exit
            # meets the closed pipe and prints "Exception ignored … BrokenPipeError".
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`). The recipe in Python's docs on SIGPIPE:
        # point stdout at devnull so that nothing left in the buffer fails again.
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the last resort, around everything: a fault of fkstod itself
        return _fault(exc)


def _fault(exc: Exception) -> int:
    # Not bad input but a bug or a broken installation (a library missing from a
    # bundle): one Swedish line naming the fault, no traceback, nothing written.
    first = str(exc).strip().splitlines()[:1]
    print(
        "fkstod: "
        + _(
            "ett fel i fkstod, inte i det du angav ({kind}: {what}); det som redan var "
            "sparat är kvar. Kontakta den som har installerat fkstod."
        ).format(kind=type(exc).__name__, what=first[0] if first else "-"),
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no real file behind stdout
        pass


def window_start(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """Return (data folder, exit when ready) when ``argv`` only starts the window.

    The window's own start does not build the parser of every subcommand (it
    imports each subcommand's module): only the flags the window takes, spelt
    out in full, are read here. Anything else (a subcommand, ``--help``, an
    abbreviated or misspelt flag, a flag twice) returns None, and the full
    parser reads the line and gives its usual answer or error.
    """
    data_dir: str | None = None
    exit_when_ready = False
    seen: set[str] = set()
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        flag, eq, value = word.partition("=")
        if flag in seen:
            return None
        seen.add(flag)
        if flag == "--exit-when-ready" and not eq:
            exit_when_ready = True
        elif flag == "--data-dir" and eq and value:
            data_dir = value
        elif flag == "--data-dir" and not eq and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        else:
            return None
    return data_dir, exit_when_ready


def _run(argv: Sequence[str] | None) -> int:
    reconfigure_streams()
    start = window_start(sys.argv[1:] if argv is None else argv)
    if start is not None:
        import_before_qt()
        from fkstod.app import run_gui

        return run_gui(data_dir=start[0], exit_when_ready=start[1])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        import_before_qt()
        from fkstod.app import run_gui

        return run_gui(data_dir=args.data_dir, exit_when_ready=args.exit_when_ready)
    import sqlite3

    from fkstod.core.files import FileProblem
    from fkstod.core.oserrors import describe_db_error
    from fkstod.core.store import StoreError

    try:
        return int(args.func(args) or EXIT_OK)
    except (CliError, FileProblem, StoreError) as exc:
        # FileProblem: a file refused, unreadable or not written (already "path: why", the
        # old file kept); StoreError: a database write failed (locked, read-only, disk full).
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
