"""``fkstod orosanmalan example`` and ``render`` per the command-line contract."""

import json

import pytest

from tests.conftest import run_cli, run_fkstod


@pytest.fixture
def example_file(tmp_path):
    result = run_cli("orosanmalan", "example")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "in.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_example_is_a_complete_fictional_input(example_file):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    assert len(data["barn"]) == 2 and data["anmalare"]["namn"]


def test_render_txt_writes_one_file_per_child(example_file, tmp_path):
    out = tmp_path / "anmalan.txt"
    result = run_cli(
        "orosanmalan", "render", str(example_file), "--format", "txt", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    first = (tmp_path / "anmalan-barn1.txt").read_text(encoding="utf-8")
    second = (tmp_path / "anmalan-barn2.txt").read_text(encoding="utf-8")
    assert "Saga Exempelsson" in first and "Elis Exempelsson" in second


def test_render_one_child_with_barn(example_file, tmp_path):
    out = tmp_path / "a.html"
    result = run_cli(
        "orosanmalan",
        "render",
        str(example_file),
        "--format",
        "html",
        "--out",
        str(out),
        "--barn",
        "2",
    )
    assert result.returncode == 0, result.stderr
    assert "Namn:</b> Elis Exempelsson" in out.read_text(encoding="utf-8")


def test_render_pdf_works_without_a_display(example_file, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "a.pdf"
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_fkstod(
        "orosanmalan",
        "render",
        str(example_file),
        "--format",
        "pdf",
        "--out",
        str(out),
        "--barn",
        "1",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert "Saga" in text and "Socialnämnden" in text


def test_a_bad_personnummer_is_exit_1_naming_the_field(example_file, tmp_path):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["barn"][0]["personnummer"] = "20150312-9808"
    example_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.txt"
    result = run_cli("orosanmalan", "render", str(example_file), "--out", str(out))
    assert result.returncode == 1
    assert "barn[0].personnummer" in result.stderr and "kontrollsiffran" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x*"))


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
def test_a_lone_surrogate_is_exit_1_naming_the_field_in_every_format(example_file, tmp_path, fmt):
    text = example_file.read_text(encoding="utf-8")
    example_file.write_text(
        text.replace("Saga Exempelsson", "Saga \\ud800 Exempelsson"), encoding="utf-8"
    )
    out = tmp_path / f"x.{fmt}"
    result = run_cli("orosanmalan", "render", str(example_file), "--format", fmt, "--out", str(out))
    assert result.returncode == 1
    assert "barn[0].namn" in result.stderr and "U+D800" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x*"))


def test_broken_json_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "barn": \n', encoding="utf-8")
    result = run_cli("orosanmalan", "render", str(bad), "--out", str(tmp_path / "x.txt"))
    assert result.returncode == 1
    assert f"{bad}:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(example_file, tmp_path):
    result = run_cli("orosanmalan", "render", str(example_file), "--format", "doc", "--out", "x")
    assert result.returncode == 2


def test_an_input_from_before_the_informant_field_still_renders(example_file, tmp_path):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    assert data["uppgiftslamnare_i_fara"] is True  # the example answers it
    del data["uppgiftslamnare_i_fara"]
    example_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "gammal.txt"
    result = run_cli("orosanmalan", "render", str(example_file), "--out", str(out), "--barn", "1")
    assert result.returncode == 0, result.stderr
    # Violence in the family: the rule answers yes.
    assert out.read_text(encoding="utf-8").startswith(
        "!!! VIKTIGT: DEN SOM BERÄTTADE KAN VARA I FARA !!!"
    )


def test_a_wrong_informant_answer_is_exit_1_naming_the_field(example_file, tmp_path):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["uppgiftslamnare_i_fara"] = "ja"
    example_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("orosanmalan", "render", str(example_file), "--out", str(tmp_path / "x"))
    assert result.returncode == 1
    assert "uppgiftslamnare_i_fara (Den som berättade kan vara i fara)" in result.stderr
    assert "Traceback" not in result.stderr
