"""Check shipped and imported content: flows, templates, directory files.

Each problem is reported as ``path:line: message`` (line 0 when the whole file
is concerned). ``fkstod lint`` prints them and exits 1 when there is any.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError

from fkstod import paths
from fkstod.core.i18n import _
from fkstod.core.templates import environment


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


Checker = Callable[[Path], list[Problem]]


def check_template(path: Path) -> list[Problem]:
    """Check that a Jinja2 template parses."""
    try:
        source = path.read_text(encoding="utf-8")
        environment().parse(source, name=path.name, filename=str(path))
    except UnicodeDecodeError:
        return [Problem(str(path), 0, _("filen är inte UTF-8"))]
    except TemplateSyntaxError as exc:
        return [Problem(str(path), exc.lineno or 0, _("mallfel: {msg}").format(msg=exc.message))]
    return []


def check_kommuner(path: Path) -> list[Problem]:
    """Check the municipality list: header, four-digit unique codes, county codes."""
    problems: list[Problem] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as f:
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


#: Which checker handles which file: the first predicate that matches wins.
CHECKERS: list[tuple[Callable[[Path], bool], Checker]] = [
    (
        lambda p: _report_lint().is_report_template(p),
        lambda p: _report_lint().check_report_template(p),
    ),
    (lambda p: p.suffix == ".j2", check_template),
    (lambda p: p.name == "kommuner.csv", check_kommuner),
]


def _report_lint():
    # Imported late: the report's lint imports this module.
    from fkstod.core.orosanmalan import lint as report_lint

    return report_lint


def _checker_for(path: Path) -> Checker | None:
    return next((checker for match, checker in CHECKERS if match(path)), None)


def lint(targets: Sequence[Path] = ()) -> list[Problem]:
    """Check ``targets`` (files or folders), or every shipped resource when empty."""
    explicit = bool(targets)
    problems: list[Problem] = []
    for path in _expand(targets or [paths.resource_root()]):
        checker = _checker_for(path)
        if checker is None:
            if explicit and path in targets:
                problems.append(Problem(str(path), 0, _("okänd filtyp, kan inte kontrolleras")))
            continue
        if not path.exists():
            problems.append(Problem(str(path), 0, _("filen finns inte")))
            continue
        problems.extend(checker(path))
    return sorted(problems)


def _expand(targets: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for target in targets:
        if target.is_dir():
            out.extend(p for p in sorted(target.rglob("*")) if p.is_file())
        else:
            out.append(target)
    return out
