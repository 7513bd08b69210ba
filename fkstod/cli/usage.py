"""``fkstod usage show|export|aggregate``: the anonymous counts, their export and the merge."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the usage subcommands."""
    p = sub.add_parser("usage", help=_("visa den anonyma användningsstatistiken"))
    inner = p.add_subparsers(dest="usage_command", metavar="KOMMANDO", required=True)
    s = inner.add_parser("show", help=_("visa antalen per månad"))
    s.set_defaults(func=show)
    e = inner.add_parser(
        "export",
        help=_("spara antalen som en exportfil till samordnaren (månaderna märks som exporterade)"),
    )
    e.add_argument("--out", required=True, type=Path, metavar="FIL", help=_("exportfilen (.json)"))
    e.add_argument(
        "--months",
        metavar="FRÅN..TILL",
        help=_(
            "månaderna, till exempel 2026-01..2026-03 (utan: de hela månader med antal som "
            "inte har exporterats; den pågående månaden bara om den anges)"
        ),
    )
    e.add_argument(
        "--unit", metavar="KOD", help=_("enhetens kod ur config.toml [statistik] enheter")
    )
    e.set_defaults(func=export)
    a = inner.add_parser(
        "aggregate",
        help=_("lägg ihop exporter till myndighetens indikatorer, skyddade mot röjande"),
        description=_(
            "Läser exportfiler och mappar med exporter. En fil som inte går att läsa räknas "
            "inte: den nämns med sitt skäl på stderr, rapporten skrivs ändå av de goda filerna "
            "och kommandot avslutas med kod 1."
        ),
    )
    a.add_argument("inputs", nargs="+", type=Path, metavar="FIL_ELLER_MAPP")
    a.add_argument("--out", required=True, type=Path, metavar="FIL", help=_("rapportfilen"))
    a.add_argument(
        "--format",
        dest="fmt",
        choices=("csv", "xlsx", "pdf", "jsonl"),
        help=_("rapportens format (utan: av filnamnets ändelse; utan ändelse csv)"),
    )
    a.add_argument("--period", choices=("month", "quarter", "year"), default="month")
    a.add_argument(
        "--threshold",
        type=int,
        metavar="N",
        help=_("antal från 1 till N-1 visas inte (utan: troskel i config.toml)"),
    )
    a.set_defaults(func=aggregate)


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


def export(args: argparse.Namespace) -> int:
    """Write the counts as one export file and mark its months exported."""
    from fkstod.cli.base import CliError
    from fkstod.cli.data import open_data_store, protected
    from fkstod.core.flows import load_library
    from fkstod.core.usage import UsageRecorder
    from fkstod.core.usage.export import (
        ExportProblem,
        build_export,
        default_months,
        exported_months,
        month_ids,
        month_of,
        month_range,
        months_sent_running,
        write_export,
    )
    from fkstod.core.usage.summary import exported_text, months_of
    from fkstod.core.usage.versions import export_settings

    months = None
    if args.months:
        first, sep, last = args.months.partition("..")
        try:
            months = month_range(first, last if sep else first)
        except ExportProblem as exc:
            raise CliError(f"--months: {exc}") from None
    current = month_of(date.today())
    opened = open_data_store(
        args, write=True, in_window=_("Statistik: Exportera statistik…, Ctrl+Skift+T")
    )
    try:
        before = exported_months(opened.db)
        with_id = month_ids(opened.db)
        if months is None:
            counted = months_of(UsageRecorder(opened.db).counts())
            months = default_months(counted, before, current, months_sent_running(opened.db))
            if counted and not months:
                raise CliError(_nothing_complete(counted, before, current))
        try:
            document = build_export(opened.db, months, args.unit, **export_settings(load_library()))
        except ExportProblem as exc:
            raise CliError(str(exc)) from None
        if not document["months"]:
            # No month asked for and none with counts: a file of nothing (as the window says).
            raise CliError(_("Det finns inga antal att exportera ännu. Ingenting har sparats."))
        if not document["counts"]:
            print(_("Obs: inga antal i de valda månaderna; filen säger bara det."), file=sys.stderr)
        again = [m for m in document["months"] if m in before]
        running = [m for m in document["months"] if m >= current]
        write_export(args.out, document, opened.db, protected(args))
        after = exported_months(opened.db)
    finally:
        opened.db.close()
    # The document has months: a document without any was refused above.
    print(
        _("{path}: {n} antal från {months}").format(
            path=args.out, n=len(document["counts"]), months=", ".join(document["months"])
        )
    )
    notes = (
        (
            [m for m in again if m in with_id],
            _(
                "Obs: {months} hade exporterats förut; samordnaren räknar varje månad en gång, "
                "från den export som har flest antal."
            ),
        ),
        (
            [m for m in again if m not in with_id],
            _(
                "Obs: {months} hade exporterats förut med en tidigare version av fkstod; "
                "skickas båda filerna räknas samtalen två gånger."
            ),
        ),
        (
            running[:1],
            _(
                "Obs: {months} är inte slut än, så antalen för den är inte kompletta. Exportera "
                "den igen när den är slut: då räknas den nya exporten i stället."
            ),
        ),
    )
    for months, note in notes:
        if months:
            print(note.format(months=", ".join(months)), file=sys.stderr)
    print(exported_text(after))
    return 0


def _nothing_complete(counted: list[str], exported: dict[str, int], current: str) -> str:
    # Counts exist, but every complete month has gone out: say why nothing was chosen.
    complete = [m for m in counted if m < current]
    parts = [
        _("Inga hela månader att exportera: {months} har exporterats förut.").format(
            months=", ".join(complete)
        )
        if complete
        else _("Det finns inga hela månader med antal ännu.")
    ]
    if current in counted:
        parts.append(
            _("{month} är inte slut än; vill du ändå skicka den, ange --months {month}.").format(
                month=current
            )
        )
    if complete:
        parts.append(
            _("Vill du skicka en månad igen, ange den med --months, till exempel {month}.").format(
                month=complete[-1]
            )
        )
    parts.append(_("Ingenting har sparats."))
    return " ".join(parts)


class _Progress:
    """How far a long merge has come, on one line of stderr, at a terminal only.

    Thousands of files take seconds; a script or a log gets no progress lines.
    """

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self.last = 0.0
        self.text = ""

    def _show(self, text: str, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if not self.shown or (done < total and now - self.last < 0.1):
            return
        self.last = now
        self.text = text
        print("\r" + text, end="", file=sys.stderr, flush=True)

    def files(self, done: int, total: int) -> None:
        """Called by the merge after each file."""
        from fkstod.core.plural import count_text

        self._show(
            _("Läser exportfiler: {done} av {total}").format(
                done=count_text(done), total=count_text(total)
            ),
            done,
            total,
        )

    def periods(self, done: int, total: int) -> None:
        """Called by the protection before each period and at its end."""
        if done:
            self._show(
                _("Skyddar rapporten: period {done} av {total}").format(done=done, total=total),
                done,
                total,
            )

    def end(self) -> None:
        """End the progress line, so that what follows starts on a line of its own."""
        if self.shown and self.text:
            print(file=sys.stderr, flush=True)
            self.text = ""


def aggregate(args: argparse.Namespace) -> int:
    """Merge exports and write the protected report; exit 1 when a file was skipped."""
    progress = _Progress()
    written: list[Path] = []
    try:
        return _aggregate(args, progress, written)
    except KeyboardInterrupt:
        progress.end()
        if written:
            print(
                _("Avbruten: rapporten {path} hade redan sparats.").format(path=written[0]),
                file=sys.stderr,
            )
        else:
            print(_("Avbruten: ingen rapport sparades."), file=sys.stderr)
        return 130
    finally:
        progress.end()


def _aggregate(args: argparse.Namespace, progress: _Progress, written: list[Path]) -> int:
    from fkstod.cli.base import CliError
    from fkstod.cli.data import protected
    from fkstod.core import files
    from fkstod.core.flows import load_library
    from fkstod.core.usage import merge
    from fkstod.core.usage.indicators import build_report
    from fkstod.core.usage.merge import not_read_reason
    from fkstod.core.usage.units import shipped_threshold, shipped_units

    fmt = args.fmt or (args.out.suffix.lower().lstrip(".") or "csv")
    if fmt not in ("csv", "xlsx", "pdf", "jsonl"):
        # "rapport.xls" as CSV: Excel warns the file is not what its name says.
        from fkstod.cli.base import EXIT_USAGE

        print(
            _(
                "fkstod usage aggregate: --out: fkstod skriver inte {ending}-filer; välj "
                ".csv, .xlsx, .pdf eller .jsonl, eller ange --format (se fkstod usage "
                "aggregate --help)"
            ).format(ending=args.out.suffix),
            file=sys.stderr,
        )
        return EXIT_USAGE
    threshold = shipped_threshold() if args.threshold is None else args.threshold
    if threshold < 2:
        raise CliError(_("--threshold: ska vara minst 2"))
    for given in args.inputs:
        if not files.exists(given):
            raise CliError(_("{path}: finns inte").format(path=given))
    target = protected(
        args,
        *[p for p in args.inputs if not files.is_folder(p)],
        read_folders=tuple(p for p in args.inputs if files.is_folder(p)),
    )
    # Refused before the merge, not after minutes of it: the same check as the write's.
    files.check_target(args.out, target)
    units = shipped_units()
    result = merge.merge_exports(
        args.inputs,
        content_ids={"flow": load_library().ids()},
        units=units,
        progress=progress.files,
    )
    if not result.found():
        for path in result.not_read:
            print(f"{path}: {not_read_reason()}", file=sys.stderr)
        # A wrong folder, most likely: an empty report would look like a month of nothing.
        raise CliError(
            _("{where}: inga exportfiler (.json); ingen rapport sparades").format(
                where=", ".join(str(p) for p in args.inputs)
            )
        )
    if not result.merged:
        for skipped in result.skipped:
            print(f"{skipped.path}: {skipped.reason}", file=sys.stderr)
        raise CliError(_("ingen av filerna kunde räknas; ingen rapport sparades"))
    report = build_report(
        result.cells,
        period=args.period,
        units=units,
        threshold=threshold,
        progress=progress.periods,
    )
    progress.end()
    if fmt == "pdf":
        from fkstod.qt.charts import report_pdf

        files.write_file(args.out, report_pdf(report), target)
    else:
        from fkstod.core.usage.outputs import write_report

        write_report(args.out, report, fmt, target)
    written.append(args.out)
    for skipped in result.skipped:
        print(f"{skipped.path}: {skipped.reason}", file=sys.stderr)
    for path in result.not_read:
        print(f"{path}: {not_read_reason()}", file=sys.stderr)
    from fkstod.core.usage.indicators import between_merges

    print(_("Obs: {note}").format(note=between_merges()), file=sys.stderr)
    from fkstod.core.plural import plural

    parts = [
        plural(result.merged, _("{n} export räknad"), _("{n} exporter räknade")),
        plural(
            len(result.duplicates),
            _("{n} kopia räknad en gång"),
            _("{n} kopior räknade en gång"),
        ),
        plural(len(result.skipped), _("{n} fil räknades inte"), _("{n} filer räknades inte")),
    ]
    if result.not_read:
        parts.append(
            plural(
                len(result.not_read),
                _("{n} fil i mappen lästes inte (inte .json)"),
                _("{n} filer i mappen lästes inte (inte .json)"),
            )
        )
    if result.replaced:
        parts.insert(
            2,
            plural(
                result.replaced,
                _("{n} månad som skickats igen räknad en gång"),
                _("{n} månader som skickats igen räknade en gång"),
            ),
        )
    print(f"{args.out}: " + ", ".join(parts))
    return 1 if result.skipped else 0
