"""Flow files: every fault found, with its line; a broken file never stops the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fkstod.core.flows import check_flow_file, load_library
from fkstod.core.flows.library import flows_folder
from fkstod.core.flows.loader import LineIndex, parse_flow_text
from fkstod.core.lint import lint
from tests.conftest import CORE_DATA, run_fkstod

BROKEN = CORE_DATA / "flows_broken"
FIXTURE = CORE_DATA / "flows_fixture"  # frozen examples, not shipped content
GOOD = FIXTURE / "underhallsstod-fraga.toml"


def _expected(path: Path) -> tuple[str, list[int]]:
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    return first.removeprefix("# fault: "), [
        int(n) for n in second.removeprefix("# lines: ").split()
    ]


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.toml")), ids=lambda p: p.stem)
def test_each_broken_flow_has_its_one_fault_at_its_line(path):
    fault, lines = _expected(path)
    problems = check_flow_file(path)
    assert problems, "the fault was not found"
    assert all(fault in p.message for p in problems), [str(p) for p in problems]
    assert sorted({p.line for p in problems}) == lines
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_the_broken_folder_covers_the_graph_checks():
    names = {p.stem for p in BROKEN.glob("*.toml")}
    assert {
        "unknown_target",
        "unreachable_step",
        "dead_end",
        "loop_without_exit",
        "no_outcome",
        "unknown_code",
        "empty_text",
        "too_long",
        "duplicate_step",
    } <= names


def test_shipped_flows_lint_clean():
    assert [str(p) for p in lint([flows_folder()])] == []


def test_lint_command_reports_broken_flows_as_path_line_message():
    result = run_fkstod("lint", str(BROKEN / "unknown_code.toml"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{BROKEN / 'unknown_code.toml'}:23: okänd utfallskod")
    assert "Traceback" not in result.stderr


def test_a_broken_file_is_unavailable_and_the_others_load(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    shutil.copy(GOOD, folder)
    shutil.copy(BROKEN / "dead_end.toml", folder)
    library = load_library(folder)
    assert library.ids() == ["underhallsstod-fraga"]
    [broken] = library.unavailable
    assert broken.path.endswith("dead_end.toml")
    assert broken.title == "Trasig"
    assert "återvändsgränd" in broken.problems[0].message


def test_a_file_that_is_not_utf8_is_unavailable_not_a_crash(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "latin1.toml").write_bytes('title = "Fr\xe5ga"\n'.encode("latin-1"))
    library = load_library(folder)
    assert library.flows == {}
    assert "UTF-8" in library.unavailable[0].problems[0].message


def test_the_same_flow_id_twice_makes_the_second_unavailable(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.toml")
    shutil.copy(GOOD, folder / "b.toml")
    library = load_library(folder)
    assert library.ids() == ["underhallsstod-fraga"]
    assert "används redan" in library.unavailable[0].problems[0].message


def test_jump_to_a_missing_jump_flow_is_a_fault_in_the_library(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    shutil.copy(FIXTURE / "sjukpenning-fraga.toml", folder)
    library = load_library(folder)  # without akut-fara and barn-berors beside it
    messages = [p.message for p in library.unavailable[0].problems]
    assert any("akut-fara" in m for m in messages)


def test_line_index_finds_keys_in_arrays_of_tables_and_skips_multiline_strings():
    text = (
        'id = "x"\n'  # 1
        "[[steps]]\n"  # 2
        'say = """\n'  # 3
        "next = not a key\n"  # 4
        '"""\n'  # 5
        "[[steps.options]]\n"  # 6
        'next = "a"\n'  # 7
        "[[steps.options]]\n"  # 8
        'next = "b"\n'  # 9
        "[[steps]]\n"  # 10
        "[[steps.options]]\n"  # 11
        'next = "c"\n'  # 12
    )
    index = LineIndex(text)
    assert index.line("id") == 1
    assert index.line("steps", 0, "say") == 3
    assert index.line("steps", 0, "next") == 2  # the one in the string is not a key
    assert index.line("steps", 0, "options", 1, "next") == 9
    assert index.line("steps", 1, "options", 0, "next") == 12
    assert index.line("steps", 1, "options", 0, "label") == 11


def test_toml_errors_carry_their_line():
    flow, problems = parse_flow_text('id = "x"\ntitle = \n', "f.toml")
    assert flow is None
    assert problems[0].line == 2
    assert problems[0].message.startswith("TOML-fel")


def test_emphasis_is_the_flows_unless_a_step_sets_its_own():
    from fkstod.core.flows.loader import parse_flow_text

    text = GOOD.read_text(encoding="utf-8")
    plain, problems = parse_flow_text(text, "x.toml")
    assert not problems and {s.emphasis for s in plain.steps} == {"none"}
    acute, problems = parse_flow_text('emphasis = "acute"\n' + text, "x.toml")
    assert not problems and all(s.is_acute and s.emphasis_number == "112" for s in acute.steps)
    first = acute.steps[0]
    marked = text.replace(f'id = "{first.id}"\n', f'id = "{first.id}"\nemphasis = "none"\n', 1)
    mixed, problems = parse_flow_text('emphasis = "acute"\n' + marked, "x.toml")
    assert not problems and not mixed.steps[0].is_acute and mixed.steps[1].is_acute


def test_every_step_of_the_shipped_acute_jump_is_acute():
    from fkstod.core.flows import load_library

    acute = load_library().flows["akut-fara"]
    assert acute.emphasis == "acute" and all(s.is_acute for s in acute.steps)
