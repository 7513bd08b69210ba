"""Check shipped and imported content: flows, training cases, templates, directory files.

The checker registry: it imports the areas (flows, directory, the report),
never the reverse. Each problem is a ``fkstod.core.problems.Problem``, printed
as ``path:line: message`` (line 0 when the whole file is concerned).
``fkstod lint`` prints them and exits 1 when there is any.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from fkstod import paths
from fkstod.core import files
from fkstod.core.flows import check_flow_file
from fkstod.core.i18n import _
from fkstod.core.orosanmalan import lint as report_lint
from fkstod.core.problems import MAX_SOURCE_BYTES, Problem
from fkstod.core.templates import check_template

__all__ = ["CHECKERS", "MAX_SOURCE_BYTES", "Problem", "check_template", "lint"]

Checker = Callable[[Path], list[Problem]]


def check_kommuner(path: Path) -> list[Problem]:
    """Check the municipality list: header, four-digit unique codes, county codes."""
    problems: list[Problem] = []
    seen: set[str] = set()
    try:
        text = files.read_text(path, MAX_SOURCE_BYTES)
    except files.FileProblem as exc:
        return [exc.problem]
    with io.StringIO(text, newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["kommunkod", "kommun", "lanskod", "lan"]:
            return [Problem(str(path), 1, _("fel kolumnrubriker: {h}").format(h=reader.fieldnames))]
        for row in reader:
            line = reader.line_num
            kod = row["kommunkod"] or ""
            if not (len(kod) == 4 and kod.isdigit()):
                problems.append(Problem(str(path), line, _("kommunkoden ska ha fyra siffror")))
            elif kod in seen:
                problems.append(
                    Problem(str(path), line, _("kommunkoden {k} finns två gånger").format(k=kod))
                )
            elif not kod.startswith(row["lanskod"] or "-"):
                problems.append(Problem(str(path), line, _("kommunkoden passar inte länskoden")))
            seen.add(kod)
    if len(seen) != 290:
        problems.append(Problem(str(path), 0, _("{n} kommuner, väntade 290").format(n=len(seen))))
    return problems


def _check_case(path: Path) -> list[Problem]:
    from fkstod.core.training import check_case_file

    return check_case_file(path)


def check_directory_csv(path: Path) -> list[Problem]:
    """Check a directory file as import would: every bad row with line and column."""
    from fkstod.core.directory import Directory, FileProblem

    try:
        plan = Directory(None, shipped=()).plan_import(path)
    except FileProblem as exc:
        return [exc.problem]
    return [Problem(p.path, p.line, f"{p.column}: {p.message}") for p in plan.problems]


def check_shipped_directory_csv(path: Path) -> list[Problem]:
    """Check a shipped directory file: every row valid and sourced, marked shipped, unique id."""
    from fkstod.core.directory import FileProblem, csvfile
    from fkstod.core.directory.validate import (
        SHIPPED_ID_PREFIX,
        check_shipped_facts,
        entry_from_fields,
    )

    try:
        rows = csvfile.read_rows(path)
    except FileProblem as exc:
        return [exc.problem]
    problems: list[Problem] = []
    seen: set[str] = set()
    for row in rows:
        if row.problem is not None:
            problems.append(Problem(str(path), row.line, f"{row.problem[0]}: {row.problem[1]}"))
            continue
        built = entry_from_fields(row.cells, levererad=True)
        errors = built if isinstance(built, list) else check_shipped_facts(built)
        problems.extend(
            Problem(str(path), row.line, f"{csvfile.column_of(e.field)}: {e.message}")
            for e in errors
        )
        if not row.levererad:
            problems.append(
                Problem(str(path), row.line, _("raden är inte markerad Levererad = ja"))
            )
        ident = row.cells.get("id", "")
        if not ident or ident in seen:
            problems.append(Problem(str(path), row.line, _("id saknas eller finns två gånger")))
        elif not ident.startswith(SHIPPED_ID_PREFIX):
            # Import takes an id with this prefix for a shipped entry, and only such ids.
            problems.append(
                Problem(
                    str(path),
                    row.line,
                    _("en levererad posts id ska börja med {p}").format(p=SHIPPED_ID_PREFIX),
                )
            )
        seen.add(ident)
    return problems


def _is_shipped_directory_file(path: Path) -> bool:
    return path.suffix == ".csv" and path.parent.name == "directory"


def _is_import_file(path: Path) -> bool:
    # Other areas may ship CSV files of their own under resources/: only files
    # given on the command line outside resources/ are taken for directory imports.
    return path.suffix == ".csv" and paths.resource_root() not in path.resolve().parents


#: Which checker handles which file: the first predicate that matches wins.
CHECKERS: list[tuple[Callable[[Path], bool], Checker]] = [
    (report_lint.is_report_template, report_lint.check_report_template),
    (lambda p: p.suffix == ".j2", check_template),
    (lambda p: p.name == "kommuner.csv", check_kommuner),
    (lambda p: p.suffix == ".toml" and "flows" in p.parent.name, check_flow_file),
    (lambda p: p.suffix == ".toml" and p.parent.name == "cases", _check_case),
    (_is_shipped_directory_file, check_shipped_directory_csv),
    (_is_import_file, check_directory_csv),
]


def _checker_for(path: Path) -> Checker | None:
    return next((checker for match, checker in CHECKERS if match(path)), None)


def lint(targets: Sequence[Path] = ()) -> list[Problem]:
    """Check ``targets`` (files or folders), or every shipped resource when empty."""
    explicit = bool(targets)
    problems: list[Problem] = []
    for path in _expand(targets or [paths.resource_root()]):
        try:
            # Missing, a device, a pipe: refused before any checker opens it.
            files.check_readable(path)
        except files.FileProblem as exc:
            problems.append(exc.problem)
            continue
        checker = _checker_for(path)
        if checker is None:
            if explicit and path in targets:
                problems.append(Problem(str(path), 0, _("okänd filtyp, kan inte kontrolleras")))
            continue
        problems.extend(checker(path))
    return sorted(problems)


def _expand(targets: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for target in targets:
        if files.is_folder(target):
            out.extend(p for p in sorted(target.rglob("*")) if p.is_file())
        else:
            out.append(target)
    return out
