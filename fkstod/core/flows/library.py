"""Load every flow in a folder. A broken file never stops the others."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fkstod import paths
from fkstod.core.collate import swedish_key
from fkstod.core.flows.model import Flow
from fkstod.core.i18n import _
from fkstod.core.problems import Problem

# The loader and the checks are imported where they run: a start that reads the
# parsed library from its cache (fkstod.core.flows.cache) needs neither.


@dataclass(frozen=True)
class Unavailable:
    """A flow file that could not be used, and why."""

    path: str
    title: str
    problems: tuple[Problem, ...]


@dataclass
class FlowLibrary:
    """The flows that loaded cleanly, and the files that did not."""

    flows: dict[str, Flow] = field(default_factory=dict)
    unavailable: list[Unavailable] = field(default_factory=list)

    def conversations(self) -> list[Flow]:
        """Return the flows a caseworker picks (not the global jumps), by title."""
        return sorted(
            (f for f in self.flows.values() if not f.is_jump), key=lambda f: swedish_key(f.title)
        )

    def topics(self) -> list[Flow]:
        """Return the jump flows (topics such as honour or protected identity), by title."""
        return sorted(
            (f for f in self.flows.values() if f.is_jump), key=lambda f: swedish_key(f.title)
        )

    def get(self, flow_id: str) -> Flow:
        """Return the flow ``flow_id`` (KeyError when not loaded)."""
        return self.flows[flow_id]

    def ids(self) -> list[str]:
        """Return the ids of every loaded flow."""
        return sorted(self.flows)


def flows_folder() -> Path:
    """Return the folder of the shipped flows."""
    return paths.resource("flows")


def jump_ids_in(folder: Path) -> set[str]:
    """Return the ids of the jump flows in ``folder`` that parse (for lint of one file)."""
    from fkstod.core.flows.loader import read_flow_file

    out: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        flow, _problems = read_flow_file(path)
        if flow is not None and flow.is_jump and flow.id:
            out.add(flow.id)
    return out


def load_library(folder: Path | None = None) -> FlowLibrary:
    """Load and check every ``*.toml`` in ``folder`` (default: the shipped flows)."""
    from fkstod.core.flows.check import check_flow
    from fkstod.core.flows.loader import read_flow_file

    folder = folder or flows_folder()
    parsed: list[tuple[Path, Flow | None, list[Problem]]] = [
        (path, *read_flow_file(path)) for path in sorted(folder.glob("*.toml"))
    ]
    jump_ids = {f.id for _p, f, _pr in parsed if f is not None and f.is_jump and f.id}
    library = FlowLibrary()
    for path, flow, problems in parsed:
        problems = list(problems)
        if flow is not None:
            problems += check_flow(flow, jump_ids)
            if flow.id in library.flows:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        _("flödes-id {id!r} används redan i {other}").format(
                            id=flow.id, other=library.flows[flow.id].path
                        ),
                    )
                )
        if flow is None or problems:
            title = (flow.title if flow is not None else "") or path.stem
            library.unavailable.append(Unavailable(str(path), title, tuple(sorted(problems))))
        else:
            library.flows[flow.id] = flow
    return library


def check_flow_file(path: Path) -> list[Problem]:
    """Lint one flow file: shape, graph, and jumps to the flows beside it."""
    from fkstod.core.flows.check import check_flow
    from fkstod.core.flows.loader import read_flow_file

    flow, problems = read_flow_file(path)
    if flow is None:
        return problems
    return sorted([*problems, *check_flow(flow, jump_ids_in(path.parent))])
