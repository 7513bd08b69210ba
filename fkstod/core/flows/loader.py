"""Read a flow file (TOML) into the model, with ``path:line: message`` for every fault.

``tomllib`` gives no line numbers for values, so :class:`LineIndex` scans the
text once and remembers on which line each table and key stands. The loader
checks shape and types; :mod:`fkstod.core.flows.check` checks the graph.
"""

from __future__ import annotations

import re
from pathlib import Path

from fkstod.core import files
from fkstod.core.flows.model import (
    EMPHASES,
    DirectoryShortcut,
    Flow,
    Option,
    Source,
    Step,
)
from fkstod.core.i18n import _
from fkstod.core.parse import ParseError, parse_toml
from fkstod.core.problems import MAX_SOURCE_BYTES, Problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

FLOW_KEYS = {
    "id",
    "title",
    "version",
    "benefits",
    "when",
    "kind",
    "start",
    "keywords",
    "emphasis",
}
FLOW_TABLES = {"sources", "steps"}
STEP_KEYS = {
    "id",
    "kind",
    "title",
    "say",
    "guidance",
    "next",
    "items",
    "codes",
    "note",
    "sources",
    "orosanmalan",
    "emphasis",
    "ends_call",
}
STEP_TABLES = {"options", "directory"}
OPTION_KEYS = {"label", "next", "codes", "note", "jump"}
DIRECTORY_KEYS = {"category", "label", "kommun"}
SOURCE_KEYS = {"id", "title", "url"}


class LineIndex:
    """Where each table and key of a TOML text stands, by path.

    Paths look like ``("steps", 2, "options", 0, "next")``. Only the
    ``[[steps]]`` / ``[[steps.options]]`` form is indexed finely; inline tables
    fall back to the line of the enclosing table.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple, int] = {}
        counters: dict[str, int] = {}
        context: tuple = ()
        quote: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if quote is not None:
                if line.count(quote) % 2 == 1:
                    quote = None
                continue
            header = _HEADER.match(line)
            if header:
                context = self._enter(header.group(2), header.group(1) == "[[", counters)
                self._lines.setdefault(context, number)
                continue
            key = _KEY.match(line)
            if key:
                self._lines.setdefault((*context, key.group(1)), number)
                for q in ('"""', "'''"):
                    if line.count(q) % 2 == 1:
                        quote = q
                        break

    @staticmethod
    def _enter(name: str, is_array: bool, counters: dict[str, int]) -> tuple:
        parts = name.split(".")
        path: tuple = ()
        for depth, part in enumerate(parts):
            dotted = ".".join(parts[: depth + 1])
            last = depth == len(parts) - 1
            if last and is_array:
                counters[dotted] = counters.get(dotted, -1) + 1
                # A new element resets the counters of the arrays inside it.
                for key in [k for k in counters if k.startswith(dotted + ".")]:
                    del counters[key]
                path = (*path, part, counters[dotted])
            elif dotted in counters:
                path = (*path, part, counters[dotted])
            else:
                path = (*path, part)
        return path

    def line(self, *path: object) -> int:
        """Return the line of ``path`` or of its nearest indexed ancestor (1 at worst)."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found:
                return found
        return 1


class _Reader:
    """Pull typed values out of parsed TOML, noting each fault with its line."""

    def __init__(self, path: str, index: LineIndex) -> None:
        self.path = path
        self.index = index
        self.problems: list[Problem] = []

    def lines(self, table: dict, where: tuple) -> dict[str, int]:
        return {key: self.index.line(*where, key) for key in table}

    def fault(self, where: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, self.index.line(*where), message))

    def unknown_keys(self, table: dict, allowed: set[str], where: tuple) -> None:
        for key in table:
            if key not in allowed:
                self.fault(
                    (*where, key),
                    _("okänd nyckel {key!r} (tillåtna: {allowed})").format(
                        key=key, allowed=", ".join(sorted(allowed))
                    ),
                )

    def text(self, table: dict, key: str, where: tuple, *, required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.fault(where, _("{key} saknas").format(key=key))
            return ""
        if not isinstance(value, str):
            self.fault((*where, key), _("{key} ska vara en text").format(key=key))
            return ""
        return value.strip()

    def texts(self, table: dict, key: str, where: tuple) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fault((*where, key), _("{key} ska vara en lista av texter").format(key=key))
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, table: dict, key: str, where: tuple) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.fault((*where, key), _("{key} ska vara true eller false").format(key=key))
            return False
        return value

    def tables(self, table: dict, key: str, where: tuple) -> list[dict]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fault((*where, key), _("{key} ska skrivas som [[{key}]]-tabeller").format(key=key))
            return []
        return value

    def emphasis(self, table: dict, where: tuple, inherited: str) -> str:
        """Return ``emphasis`` of ``table``, or ``inherited`` when it has none."""
        if "emphasis" not in table:
            return inherited
        value = self.text(table, "emphasis", where)
        if value not in EMPHASES:
            self.fault(
                (*where, "emphasis"),
                _("emphasis {value!r}: okänt värde (tillåtna: {allowed})").format(
                    value=value, allowed=", ".join(EMPHASES)
                ),
            )
            return inherited
        return value

    def ident(self, table: dict, key: str, where: tuple) -> str:
        value = self.text(table, key, where, required=True)
        if value and not ID_PATTERN.match(value):
            self.fault(
                (*where, key),
                _("{key} {value!r}: bara a–z, 0–9, - och _ (ingen å, ä, ö)").format(
                    key=key, value=value
                ),
            )
        return value


def parse_flow_text(text: str, path: str) -> tuple[Flow | None, list[Problem]]:
    """Parse the text of a flow file; return the flow (None if unreadable) and faults."""
    try:
        data = parse_toml(text, path)
    except ParseError as exc:
        return None, [exc.problem]
    index = LineIndex(text)
    r = _Reader(path, index)
    r.unknown_keys(data, FLOW_KEYS | FLOW_TABLES, ())
    # A flow's emphasis is its steps' unless a step sets its own.
    emphasis = r.emphasis(data, (), "none")
    steps = tuple(
        _step(r, raw, ("steps", i), emphasis) for i, raw in enumerate(r.tables(data, "steps", ()))
    )
    sources = tuple(
        _source(r, raw, ("sources", i)) for i, raw in enumerate(r.tables(data, "sources", ()))
    )
    version = data.get("version", "")
    if isinstance(version, int | float) and not isinstance(version, bool):
        version = str(version)
    flow = Flow(
        id=r.ident(data, "id", ()),
        title=r.text(data, "title", ()),
        version=r.text({"version": version}, "version", (), required=True),
        benefits=r.texts(data, "benefits", ()),
        when=r.text(data, "when", ()),
        kind=r.text(data, "kind", ()) or "conversation",
        start=r.text(data, "start", ()),
        keywords=r.texts(data, "keywords", ()),
        emphasis=emphasis,
        steps=steps,
        sources=sources,
        path=path,
        lines=r.lines(data, ()),
    )
    return flow, r.problems


def _step(r: _Reader, raw: dict, where: tuple, emphasis: str) -> Step:
    r.unknown_keys(raw, STEP_KEYS | STEP_TABLES, where)
    options = tuple(
        _option(r, o, (*where, "options", j)) for j, o in enumerate(r.tables(raw, "options", where))
    )
    directory = tuple(
        _shortcut(r, d, (*where, "directory", j))
        for j, d in enumerate(r.tables(raw, "directory", where))
    )
    return Step(
        id=r.ident(raw, "id", where),
        kind=r.text(raw, "kind", where),
        title=r.text(raw, "title", where),
        say=r.text(raw, "say", where),
        guidance=r.text(raw, "guidance", where),
        next=r.text(raw, "next", where),
        options=options,
        items=r.texts(raw, "items", where),
        codes=r.texts(raw, "codes", where),
        note=r.text(raw, "note", where),
        sources=r.texts(raw, "sources", where),
        directory=directory,
        orosanmalan=r.flag(raw, "orosanmalan", where),
        emphasis=r.emphasis(raw, where, emphasis),
        ends_call=r.flag(raw, "ends_call", where),
        line=r.index.line(*where),
        lines=r.lines(raw, where),
    )


def _option(r: _Reader, raw: dict, where: tuple) -> Option:
    r.unknown_keys(raw, OPTION_KEYS, where)
    return Option(
        label=r.text(raw, "label", where),
        next=r.text(raw, "next", where, required=True),
        codes=r.texts(raw, "codes", where),
        note=r.text(raw, "note", where),
        jump=r.text(raw, "jump", where),
        line=r.index.line(*where),
        lines=r.lines(raw, where),
    )


def _shortcut(r: _Reader, raw: dict, where: tuple) -> DirectoryShortcut:
    r.unknown_keys(raw, DIRECTORY_KEYS, where)
    return DirectoryShortcut(
        category=r.text(raw, "category", where, required=True),
        label=r.text(raw, "label", where),
        kommun=r.flag(raw, "kommun", where),
        line=r.index.line(*where),
        lines=r.lines(raw, where),
    )


def _source(r: _Reader, raw: dict, where: tuple) -> Source:
    r.unknown_keys(raw, SOURCE_KEYS, where)
    return Source(
        id=r.ident(raw, "id", where),
        title=r.text(raw, "title", where),
        url=r.text(raw, "url", where),
        line=r.index.line(*where),
    )


def read_flow_file(path: Path) -> tuple[Flow | None, list[Problem]]:
    """Read and parse one flow file; unreadable files are a fault, not an exception."""
    try:
        text = files.read_text(path, MAX_SOURCE_BYTES)
    except files.FileProblem as exc:  # not a regular file, too big, not UTF-8, unreadable
        return None, [Problem(exc.path, exc.line, exc.message)]
    return parse_flow_text(text, str(path))


#: The typed reader, shared by the other TOML content loaders (training cases).
Reader = _Reader
