"""Check a case against the flows: the planned path exists and can be walked, step by step.

The path is replayed in a real :class:`~fkstod.core.flows.session.FlowSession`
(one that counts nothing), so that the check is the same walk the presenter and
Öva själv make: every answer a real option of the step shown, jumps and returns
included, ending at an outcome of the case's flow or where the plan says ``stop``.
"""

from __future__ import annotations

from pathlib import Path

from fkstod.core.flows.library import FlowLibrary, flows_folder, load_library
from fkstod.core.i18n import _
from fkstod.core.problems import Problem
from fkstod.core.training.loader import read_case_file
from fkstod.core.training.model import Case
from fkstod.core.training.replay import PlanError, new_session, perform
from fkstod.core.vocabulary import BENEFITS


def check_case(case: Case, library: FlowLibrary) -> list[Problem]:
    """Return every fault of ``case`` against the flows in ``library``."""
    path = case.file
    problems: list[Problem] = []

    def fault(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    if case.benefit and case.benefit not in BENEFITS:
        fault(
            case.at("benefit"),
            _("benefit {b!r}: okänd förmån (tillåtna: {ok})").format(
                b=case.benefit, ok=", ".join(BENEFITS)
            ),
        )
    broken = {u.path: u for u in library.unavailable}
    flow = library.flows.get(case.flow)
    if flow is None:
        unusable = [u for u in broken.values() if Path(u.path).stem == case.flow]
        message = (
            _("flödet {id!r} har fel och kan inte användas").format(id=case.flow)
            if unusable
            else _("flow {id!r}: det finns inget sådant flöde").format(id=case.flow)
        )
        fault(case.at("flow"), message)
        return problems
    if flow.is_jump:
        fault(case.at("flow"), _("flow {id!r} är ett hopp, inte ett samtal").format(id=flow.id))
        return problems
    if case.benefit in BENEFITS and case.benefit not in flow.benefits:
        fault(
            case.at("benefit"),
            _("benefit {b!r}: flödet {id!r} gäller {ok}").format(
                b=case.benefit, id=flow.id, ok=", ".join(flow.benefits)
            ),
        )
    # Every step named must exist, whatever the walk finds first.
    for planned in case.path:
        target = library.flows.get(planned.flow)
        if target is None:
            fault(
                planned.at("flow"),
                _("flow {id!r}: det finns inget sådant flöde").format(id=planned.flow),
            )
        elif planned.step and planned.step not in target.by_id:
            fault(
                planned.at("step"),
                _("steget {step!r} finns inte i flödet {flow!r}").format(
                    step=planned.step, flow=planned.flow
                ),
            )
    if problems or not case.path:
        return problems
    session = new_session(case, library)
    for i, planned in enumerate(case.path):
        try:
            perform(session, planned, last=i == len(case.path) - 1)
        except PlanError as exc:
            fault(exc.planned.at(exc.key), str(exc))
            break  # the rest of the path cannot be placed
    return problems


def _library_for(path: Path) -> FlowLibrary:
    # A case beside a flows folder (a copy of resources/, a test) is checked
    # against those flows; any other against the shipped ones.
    folder = path.parent.parent / "flows"
    return _cached(folder if folder.is_dir() else flows_folder())


_LIBRARIES: dict[tuple, FlowLibrary] = {}


def _cached(folder: Path) -> FlowLibrary:
    # Linting a folder checks every case against the same flows: load them once
    # per state of the folder's files.
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml"))
    )
    key = (str(folder.resolve()), stamp)
    if key not in _LIBRARIES:
        _LIBRARIES.clear()
        _LIBRARIES[key] = load_library(folder)
    return _LIBRARIES[key]


def check_case_file(path: Path) -> list[Problem]:
    """Lint one case file: its shape, then its path against the flows."""
    case, problems = read_case_file(path)
    if case is None:
        return problems
    return sorted([*problems, *check_case(case, _library_for(path))])
