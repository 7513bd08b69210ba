"""``fkstod directory search | import | export``."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from fkstod.cli.base import positive_int
from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the directory subcommands."""
    from fkstod.cli.base import SwedishArgumentParser

    p = sub.add_parser("directory", help=_("sök i, importera till och exportera stödkatalogen"))
    inner = p.add_subparsers(
        dest="directory_command", metavar="KOMMANDO", parser_class=SwedishArgumentParser
    )
    p.set_defaults(func=lambda args: p.error(_("ange search, import eller export")))

    s = inner.add_parser("search", help=_("sök stödkontakter"))
    s.add_argument("query", metavar="SÖKORD", nargs="?", default="")
    s.add_argument(
        "--kommun",
        metavar="KOMMUN",
        default="",
        help=_("kommunkod eller namn, till exempel 1280 eller Malmö"),
    )
    s.add_argument("--json", action="store_true", help=_("skriv ut JSON"))
    s.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help=_("högst så många träffar")
    )
    s.set_defaults(func=search)

    i = inner.add_parser("import", help=_("importera lokala poster (allt eller inget)"))
    i.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help=_("CSV-fil, Excel-arbetsbok (.xlsx) eller HSDS-paket"),
    )
    i.add_argument("--dry-run", action="store_true", help=_("visa bara vad som skulle ändras"))
    i.add_argument(
        "--ja",
        action="store_true",
        help=_("genomför importen även när den tar bort lokala poster"),
    )
    i.set_defaults(func=import_file)

    e = inner.add_parser("export", help=_("exportera katalogen"))
    e.add_argument("file", type=Path, metavar="FIL")
    e.add_argument(
        "--format",
        choices=("csv", "xlsx", "hsds"),
        default=None,
        help=_("filformat; utan det avgör filändelsen (.xlsx är Excel, annars CSV)"),
    )
    e.add_argument("--bara-lokala", action="store_true", help=_("bara lokala poster"))
    e.set_defaults(func=export)


def _open(args: argparse.Namespace, write: bool = False, in_window: str = ""):
    from fkstod.cli.base import CliError
    from fkstod.cli.data import open_data_store, protected
    from fkstod.core.directory import Directory, DirectoryError

    opened = open_data_store(args, write=write, in_window=in_window)
    try:
        return opened.db, Directory(opened.db, protected=protected(args))
    except DirectoryError as exc:
        opened.db.close()
        raise CliError(str(exc)) from exc


def search(args: argparse.Namespace) -> int:
    """Print the best matches, as text or JSON."""
    from fkstod.cli.base import CliError
    from fkstod.core import kommuner

    try:  # a code or a name, as an import takes them
        kommun = kommuner.lookup(args.kommun).kod if args.kommun else ""
    except kommuner.KommunNotFound as exc:
        raise CliError(f"--kommun: {exc}") from None
    db, directory = _open(args)
    now = datetime.now()
    result = directory.search(args.query, kommun=kommun, limit=args.limit, now=now)
    db.close()
    if args.json:
        out = [
            {
                "id": e.id,
                "organisation": e.organisation,
                "tjanst": e.tjanst,
                "telefon": e.telefon,
                "telefontider": e.telefontider,
                "oppet_nu": directory.index.is_open(e.id, now),
                "sprak": list(e.sprak),
                "kategori": e.kategori,
                "beskrivning": e.beskrivning,
                "webb": e.webb,
                "kommuner": list(e.kommuner),
                "senast_verifierad": e.senast_verifierad,
                "inaktuell": directory.is_stale(e),
                "levererad": e.levererad,
            }
            for e in result.entries
        ]
        print(json.dumps({"total": result.total, "traffar": out}, ensure_ascii=False, indent=2))
        return 0
    if not result.entries:
        print(_("Inga träffar."))
        return 0
    for e in result.entries:
        hours = e.telefontider or _("öppettider okända")
        print(f"{e.title}\t{e.telefon or e.webb}\t{hours}")
    if result.total > len(result.entries):
        print(_("… och {n} till").format(n=result.total - len(result.entries)))
    return 0


def import_file(args: argparse.Namespace) -> int:
    """Check a file, print every problem or the preview, and apply it unless ``--dry-run``."""
    from fkstod.cli.base import CliError
    from fkstod.core.directory import DirectoryError

    # A real import holds the data folder from before the plan to after the write.
    db, directory = _open(
        args, write=not args.dry_run, in_window=_("Stödkatalog, Ctrl+2: Importera…")
    )
    try:
        plan = directory.plan_import(args.file)
        if not plan.ok:
            for problem in plan.problems:
                print(problem)
            raise CliError(
                _("{n} fel i {p}; ingenting har ändrats").format(n=len(plan.problems), p=args.file)
            )
        print(plan.summary())
        if plan.skipped_shipped:
            print(_("{n} levererade poster hoppades över.").format(n=plan.skipped_shipped))
        if args.dry_run:
            print(_("Provkörning: ingenting har ändrats."))
        elif plan.removed and not args.ja:
            # The file replaces every local entry: a file that lost rows by mistake
            # would delete them. In the app the preview asks; here --ja answers.
            raise CliError(
                _(
                    "importen skulle ta bort {n} lokala poster. Kontrollera filen, eller kör "
                    "igen med --ja för att genomföra den; ingenting har ändrats"
                ).format(n=len(plan.removed))
            )
        else:
            directory.apply_import(plan)
            print(_("Importen är klar."))
    except DirectoryError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the directory to a CSV file, an Excel workbook or an HSDS package folder."""
    fmt = args.format or ("xlsx" if args.file.suffix.lower() == ".xlsx" else "csv")
    db, directory = _open(args)
    try:
        count = directory.export(args.file, fmt, include_shipped=not args.bara_lokala)
    finally:
        db.close()
    print(_("{n} poster exporterade till {p}").format(n=count, p=args.file))
    return 0
