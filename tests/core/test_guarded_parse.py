"""Every parser exception becomes a ``path:line`` problem; a broken file never stops the others."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from fkstod.core import lint, parse
from fkstod.core.flows import library as flow_library
from fkstod.core.flows import load_library
from fkstod.core.lint import Problem

FIXTURE = Path(__file__).parent / "flows_fixture"

HOSTILE_TOML = {
    "deep array": "a = " + "[" * 2000 + "]" * 2000,
    "deep inline tables": "a = " + "{b = " * 600 + "1" + "}" * 600,
    "deep but under the parser's limit": "a = " + "[" * 100 + "]" * 100,
    "a number of 5000 digits": "title = 1\nversion = " + "9" * 5000,
    "not UTF-8": b'title = "Fr\xe5ga"\n',
    "broken syntax": 'id = "x"\ntitle = \n',
}
HOSTILE_JSON = {
    "deep array": "[" * 200_000,
    "deep but under the parser's limit": "[" * 500 + "]" * 500,
    "a number of 5000 digits": '{"a":\n' + "7" * 5000 + "}",
    "not UTF-8": b'{"a": "\xff"}',
    "broken syntax": '{"a": [\n}',
    "empty": "",
}


@pytest.mark.parametrize("text", HOSTILE_TOML.values(), ids=HOSTILE_TOML.keys())
def test_hostile_toml_is_one_problem(text):
    with pytest.raises(parse.ParseError) as caught:
        parse.parse_toml(text, "f.toml")
    problem = caught.value.problem
    assert isinstance(problem, Problem) and problem.path == "f.toml"
    assert str(problem).startswith("f.toml:")


@pytest.mark.parametrize("text", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_is_one_problem(text):
    with pytest.raises(parse.ParseError) as caught:
        parse.parse_json(text, "f.json")
    assert caught.value.problem.path == "f.json"


def test_the_line_of_a_long_number_is_named():
    with pytest.raises(parse.ParseError) as caught:
        parse.parse_json('{"a":\n' + "7" * 5000 + "}", "f.json")
    assert caught.value.problem.line == 2
    assert "för många siffror" in caught.value.problem.message


def test_a_huge_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(parse, "MAX_CHARS", 100)
    with pytest.raises(parse.ParseError, match="för stor"):
        parse.parse_json(b"[" + b"1," * 100 + b"1]", "f.json")
    with pytest.raises(parse.ParseError, match="för stor"):
        parse.parse_toml("a = 1\n" * 50, "f.toml")


def test_a_bom_is_accepted():
    assert parse.parse_json(b"\xef\xbb\xbf{}", "f.json") == {}
    assert parse.parse_toml(b'\xef\xbb\xbfa = "b"', "f.toml") == {"a": "b"}


def _folder_with_a_deep_flow(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    folder.mkdir()
    for path in FIXTURE.glob("*.toml"):
        shutil.copy(path, folder)
    (folder / "djup.toml").write_text(HOSTILE_TOML["deep array"], encoding="utf-8")
    return folder


def test_a_deep_flow_file_is_unavailable_and_the_others_load(tmp_path):
    folder = _folder_with_a_deep_flow(tmp_path)
    library = load_library(folder)
    assert len(library.flows) == len(list(FIXTURE.glob("*.toml")))
    [broken] = library.unavailable
    assert broken.path.endswith("djup.toml")
    assert "för djupt nästlad" in broken.problems[0].message


def test_lint_names_the_deep_file_and_checks_the_others(tmp_path):
    folder = _folder_with_a_deep_flow(tmp_path)
    (folder / "trasig.toml").write_text('id = "x"\ntitle = \n', encoding="utf-8")
    problems = lint.lint([folder])
    assert {Path(p.path).name for p in problems} == {"djup.toml", "trasig.toml"}
    assert any(p.line == 2 for p in problems if p.path.endswith("trasig.toml"))


def test_flows_list_and_self_test_survive_a_deep_flow(tmp_path, monkeypatch):
    from fkstod.cli import main
    from fkstod.core import selftest

    folder = _folder_with_a_deep_flow(tmp_path)
    monkeypatch.setattr(flow_library, "flows_folder", lambda: folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["flows", "list"])
    assert code == 1
    assert "EJ TILLGÄNGLIG" in out.getvalue() and "djup.toml" in out.getvalue()
    assert "underhallsstod-fraga" in out.getvalue()
    with pytest.raises(AssertionError, match="för djupt nästlad"):
        selftest._check_flows()


def test_lint_and_import_of_a_bad_web_address_are_problems(tmp_path):
    bad = tmp_path / "lokala.csv"
    bad.write_text(
        "Organisation;Webbplats;Kategori;Senast verifierad\nJour;http://[x;kvinnor;2026-01-01\n",
        encoding="utf-8",
    )
    [problem] = lint.lint([bad])
    assert problem.line == 2 and "Webbplats" in problem.message


#: One broken file for each fault tomllib names; its message must come out in Swedish.
TOML_FAULTS = {
    "invalid statement": "x\n",
    "no equals sign": "a b = 1\n",
    "a table not closed": "[a\n",
    "an array of tables not closed": "[[a]\n",
    "invalid value": "a = nope\n",
    "an array not closed": "a = [1, 2\n",
    "an inline table not closed": "a = {b = 1\n",
    "a string not ended": 'a = "abc\n',
    "a key twice": "a = 1\na = 2\n",
    "a table twice": "[a]\n[a]\n",
    "an illegal character": 'a = "\x01"\n',
    "a bad escape": 'a = "\\q"\n',
    "a bad date": "a = 2026-13-45\n",
    "nothing after a value": "a = 1 b = 2\n",
    "overwrite a value": "a = 1\n[a.b]\n",
    "an inline table changed": "a = {b = 1}\n[a.c]\n",
}


@pytest.mark.parametrize("text", TOML_FAULTS.values(), ids=TOML_FAULTS.keys())
def test_toml_faults_are_told_in_swedish(text):
    with pytest.raises(parse.ParseError) as caught:
        parse.parse_toml(text, "f.toml")
    message = caught.value.problem.message
    english = ("Invalid", "Expected", "Cannot", "Unclosed", "Unterminated", "Illegal", "Found")
    assert not any(word in message for word in english), message
    assert caught.value.problem.line >= 1


def test_a_json_fault_says_what_is_wrong_in_swedish():
    with pytest.raises(parse.ParseError) as caught:
        parse.parse_json('{"a": 1,\n "b" 2}', "f.json")
    problem = caught.value.problem
    assert problem.line == 2
    assert "Expecting" not in problem.message
    assert "kolon" in problem.message
