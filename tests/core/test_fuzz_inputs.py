"""Every entry point that reads a file, fuzzed: any bytes give exit 0 or 1, never a traceback.

Each test calls ``fkstod.cli.main(argv)`` in-process, as a user would run it, and
catches nothing: an exception escaping ``main`` fails the example. A refused
import must leave the directory's local entries exactly as they were.

Examples are few (60 each) and derandomized so that CI runs the same ones.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod import paths
from fkstod.cli import main
from fkstod.core.directory import csvfile, hsds
from fkstod.core.directory.migrations import TABLE
from fkstod.core.orosanmalan import example_input

REPO = Path(__file__).resolve().parents[2]
LOCAL_CSV = REPO / "tests" / "core" / "directory_files" / "lokala.csv"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Text a hostile or careless file might hold: markup, formulas, odd digits, controls.
NASTY = [
    "",
    " ",
    "http://[x",
    "https://[::1",
    "javascript:alert(1)",
    "mailto:a@b.se",
    "ftp://exempel.se",
    "<h1>X</h1><img src=file:///x>",
    '"a"@b.se',
    "a <a@b.se>",
    '=HYPERLINK("http://x")',
    "+46 8 123 456 78",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "١٢٣٤٥٦",
    "\u202eevil",
    "\x00",
    "\x1b[31m",
    "9" * 5000,
    "nat-finns-inte",
    "ja",
    "lokal-malmo-jour",
    "2026-02-30",
    "mån-fre 25-99",
    "1280",
    "kvinnor",
    "x" * 3000,
]
texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))


def run(*argv: str) -> tuple[int, str]:
    """Run fkstod in-process; return the exit code and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    printed = out.getvalue() + err.getvalue()
    assert "Traceback" not in printed, printed
    assert code in (0, 1), (code, printed)
    if code == 1:
        assert printed.strip(), "a refusal must say why"
    return code, printed


def local_entries(data: Path) -> list[tuple]:
    db = sqlite3.connect(f"file:{paths.database_path(data)}?mode=ro", uri=True)
    try:
        return db.execute(f"SELECT * FROM {TABLE} ORDER BY id").fetchall()
    finally:
        db.close()


@contextlib.contextmanager
def data_folder_with_entries():
    """A data folder whose directory holds the local test entries."""
    with tempfile.TemporaryDirectory(prefix="fkstod-fuzz-") as tmp:
        root = Path(tmp)
        data = root / "data"
        code, printed = run("--data-dir", str(data), "directory", "import", str(LOCAL_CSV))
        assert code == 0, printed
        before = local_entries(data)
        assert len(before) >= 3
        yield root, data, before


def check_import(target: Path, data: Path, before: list[tuple]) -> None:
    code, _printed = run("--data-dir", str(data), "directory", "import", str(target))
    if code == 1:
        assert local_entries(data) == before


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = __import__("csv").writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


columns = list(csvfile.HEADERS.values())
csv_rows = st.lists(
    st.lists(texts, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=4
)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_a_directory_csv(raw):
    with data_folder_with_entries() as (root, data, before):
        target = root / "in.csv"
        target.write_bytes(raw)
        check_import(target, data, before)


@FUZZ
@given(rows=csv_rows)
def test_hostile_cells_in_a_well_formed_directory_csv(rows):
    with data_folder_with_entries() as (root, data, before):
        target = root / "in.csv"
        target.write_text(csv_text(columns, rows), encoding="utf-8")
        check_import(target, data, before)


def hsds_member(name: str):
    header = list(hsds.TABLES[name])
    structured = st.lists(
        st.lists(texts, min_size=len(header), max_size=len(header)), max_size=3
    ).map(lambda rows: csv_text(header, rows).replace(";", ",").encode())
    return st.one_of(structured, st.binary(max_size=120))


hsds_members = st.fixed_dictionaries({}, optional={name: hsds_member(name) for name in hsds.TABLES})
descriptors = st.one_of(
    st.just(b'{"name": "x", "resources": []}'),
    st.binary(max_size=60),
    st.sampled_from([b"[" * 3000, b"1" * 5000, b"\xef\xbb\xbf{}", b'{"a": ' * 600]),
)


@FUZZ
@given(members=hsds_members, descriptor=descriptors)
def test_any_files_in_an_hsds_package(members, descriptor):
    with data_folder_with_entries() as (root, data, before):
        folder = root / "paket"
        folder.mkdir()
        (folder / hsds.DESCRIPTOR).write_bytes(descriptor)
        for name, content in members.items():
            (folder / f"{name}.csv").write_bytes(content)
        check_import(folder, data, before)
        check_import(folder / hsds.DESCRIPTOR, data, before)


@FUZZ
@given(members=hsds_members)
def test_hostile_rows_in_an_exported_hsds_package(members):
    with data_folder_with_entries() as (root, data, before):
        folder = root / "paket"
        run("--data-dir", str(data), "directory", "export", str(folder), "--format", "hsds")
        for name, content in members.items():
            path = folder / f"{name}.csv"
            # Add the fuzzed rows to the good ones, or replace the table.
            if path.exists() and content.startswith(b"id,"):
                content = path.read_bytes() + content.split(b"\n", 1)[-1]
            path.write_bytes(content)
        check_import(folder, data, before)


def render(root: Path, data: bytes, fmt: str = "txt") -> None:
    source = root / "in.json"
    source.write_bytes(data)
    run("orosanmalan", "render", str(source), "--format", fmt, "--out", str(root / "ut"))


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), st.sampled_from([b"[" * 3000, b"7" * 5000])))
def test_any_bytes_as_a_report_input(raw):
    with tempfile.TemporaryDirectory(prefix="fkstod-fuzz-") as tmp:
        render(Path(tmp), raw)


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        texts,
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=8,
)


def _replace(data, path: list, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _leaf_paths(data, prefix=()) -> list[list]:
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return [list(prefix)]
    out = [list(prefix)] if prefix else []
    for key, value in items:
        out += _leaf_paths(value, (*prefix, key))
    return out


EXAMPLE_PATHS = _leaf_paths(example_input())


@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(EXAMPLE_PATHS), st.one_of(texts, json_values)),
        min_size=1,
        max_size=4,
    ),
    fmt=st.sampled_from(["txt", "html"]),
)
def test_hostile_values_in_a_report_input(changes, fmt):
    data = example_input()
    for path, value in changes:
        try:
            data = _replace(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the place
    with tempfile.TemporaryDirectory(prefix="fkstod-fuzz-") as tmp:
        render(Path(tmp), json.dumps(data, ensure_ascii=False).encode(), fmt)


def lint_flow(text: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="fkstod-fuzz-") as tmp:
        folder = Path(tmp) / "flows"
        folder.mkdir()
        path = folder / "fuzz.toml"
        path.write_bytes(text)
        run("lint", str(path))


SHIPPED_FLOW = (paths.resource("flows") / "akut-fara.toml").read_bytes()


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"a = " + b"[" * 3000, b"a = " + b"9" * 5000, b"x = {" * 800]),
        # A shipped flow cut or spliced: mostly valid TOML with faults in the middle.
        st.tuples(st.integers(0, len(SHIPPED_FLOW)), st.binary(max_size=20)).map(
            lambda cut: SHIPPED_FLOW[: cut[0]] + cut[1] + SHIPPED_FLOW[cut[0] :]
        ),
    )
)
def test_any_bytes_as_a_flow_file(raw):
    lint_flow(raw)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if value == value and abs(value) != float("inf") else "inf"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return '""'


toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=2)),
    max_leaves=6,
)
flow_keys = st.sampled_from(["id", "title", "version", "start", "kind", "benefits", "when"])
step_keys = st.sampled_from(
    ["id", "kind", "title", "say", "guidance", "next", "items", "codes", "note", "sources"]
)
option_keys = st.sampled_from(["label", "next", "codes", "note", "jump"])


def table(keys):
    return st.dictionaries(keys, st.one_of(texts, toml_values), max_size=5)


@FUZZ
@given(
    head=table(flow_keys),
    steps=st.lists(
        st.tuples(table(step_keys), st.lists(table(option_keys), max_size=3)), max_size=3
    ),
)
def test_structured_but_hostile_flow_files(head, steps):
    lines = [f"{k} = {toml_value(v)}" for k, v in head.items()]
    for step, options in steps:
        lines.append("[[steps]]")
        lines += [f"{k} = {toml_value(v)}" for k, v in step.items()]
        for option in options:
            lines.append("[[steps.options]]")
            lines += [f"{k} = {toml_value(v)}" for k, v in option.items()]
    lint_flow("\n".join(lines).encode())
