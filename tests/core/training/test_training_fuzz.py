"""Any bytes as a case file give problems with lines, never an exception (hypothesis)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.lint import Problem, lint
from fkstod.core.training import cases_folder

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

SHIPPED_CASE = (cases_folder() / "samkonad-relation.toml").read_bytes()


def lint_case(raw: bytes) -> list[Problem]:
    with tempfile.TemporaryDirectory(prefix="fkstod-fuzz-") as tmp:
        folder = Path(tmp) / "cases"
        folder.mkdir()
        path = folder / "fuzz.toml"
        path.write_bytes(raw)
        problems = lint([path])
    assert all(isinstance(p, Problem) and p.path == str(path) for p in problems)
    return problems


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"a = " + b"[" * 3000, b"a = " + b"9" * 5000, b"x = {" * 800]),
        # A shipped case cut or spliced: mostly valid TOML with faults in the middle.
        st.tuples(st.integers(0, len(SHIPPED_CASE)), st.binary(max_size=20)).map(
            lambda cut: SHIPPED_CASE[: cut[0]] + cut[1] + SHIPPED_CASE[cut[0] :]
        ),
    )
)
def test_any_bytes_as_a_case_file(raw):
    assert lint_case(raw), "a fuzzed file should never pass as the case 'fuzz'"


values = st.recursive(
    st.one_of(st.booleans(), st.integers(-5, 20), st.text(max_size=8)),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=4,
)
path_keys = st.sampled_from(["flow", "step", "answer", "jump", "caller", "stop", "questions"])


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)  # ints and JSON strings are TOML too


@FUZZ
@given(steps=st.lists(st.dictionaries(path_keys, values, max_size=4), max_size=4))
def test_hostile_planned_paths_on_a_real_case(steps):
    head = (
        SHIPPED_CASE.decode()
        .split("[[path]]", 1)[0]
        .replace('id = "samkonad-relation"', 'id = "fuzz"')
    )
    body = "".join(
        "\n[[path]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in step.items()) for step in steps
    )
    lint_case((head + body).encode())
