"""Load every case in a folder, checked against the flows. A broken file never stops the others."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fkstod.core.collate import swedish_key
from fkstod.core.flows.library import FlowLibrary
from fkstod.core.problems import Problem
from fkstod.core.training.check import check_case
from fkstod.core.training.loader import cases_folder, read_case_file
from fkstod.core.training.model import Case


@dataclass(frozen=True)
class UnavailableCase:
    """A case file that could not be used, and why."""

    path: str
    title: str
    problems: tuple[Problem, ...]


@dataclass
class CaseLibrary:
    """The cases that loaded and walk cleanly, and the files that did not."""

    cases: dict[str, Case] = field(default_factory=dict)
    unavailable: list[UnavailableCase] = field(default_factory=list)

    def listed(self) -> list[Case]:
        """Return the usable cases by title (for ``training list`` and the picker)."""
        return sorted(self.cases.values(), key=lambda c: swedish_key(c.title))

    def get(self, case_id: str) -> Case:
        """Return the case ``case_id`` (KeyError when not loaded)."""
        return self.cases[case_id]


def load_cases(flows: FlowLibrary, folder: Path | None = None) -> CaseLibrary:
    """Load and check every ``*.toml`` in ``folder`` (default: the shipped cases)."""
    library = CaseLibrary()
    for path in sorted((folder or cases_folder()).glob("*.toml")):
        case, problems = read_case_file(path)
        if case is not None and not problems:
            problems = check_case(case, flows)
        if case is None or problems or case.id in library.cases:
            title = (case.title if case is not None else "") or path.stem
            library.unavailable.append(UnavailableCase(str(path), title, tuple(sorted(problems))))
        else:
            library.cases[case.id] = case
    return library
