"""Hostile and odd input found in review: one Swedish line, exit 1, nothing changed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_fkstod


def assert_one_swedish_line(result, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr + result.stdout


def test_lint_of_a_municipality_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "kommuner.csv"
    bad.write_bytes(b"kommunkod,kommun\n\xff\n")
    result = run_fkstod("lint", str(bad))
    assert result.returncode == 1
    assert "inte UTF-8" in result.stdout and "Traceback" not in result.stderr


def test_deeply_nested_json_is_refused(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = run_fkstod(
        "orosanmalan", "render", str(deep), "--format", "txt", "--out", str(tmp_path / "o.txt")
    )
    assert_one_swedish_line(result, "för djupt nästlad")


def test_broken_json_is_reported_in_swedish_with_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"barn": [\n  }', encoding="utf-8")
    result = run_fkstod(
        "orosanmalan", "render", str(bad), "--format", "txt", "--out", str(tmp_path / "o.txt")
    )
    assert_one_swedish_line(result, f"{bad}:2:", "inte giltig JSON")
    assert "Expecting" not in result.stderr


@pytest.mark.parametrize(
    "data, words",
    [
        ("id;Organisation\n".encode("utf-16"), ["UTF-16", "CSV UTF-8"]),
        (('Organisation;Telefon\n"' + "x" * 200_000 + "\n").encode(), ["cell är längre"]),
    ],
)
def test_odd_csv_files_are_explained(tmp_path, data, words):
    bad = tmp_path / "lokala.csv"
    bad.write_bytes(data)
    result = run_fkstod(
        "directory", "import", str(bad), env={"FKSTOD_DATA_DIR": str(tmp_path / "d")}
    )
    assert_one_swedish_line(result, *words)


def test_a_bom_saved_twice_reads_like_one(tmp_path):
    from fkstod.core.directory import csvfile

    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbfOrganisation;Telefon\r\nA;112\r\n")
    assert csvfile.read_text(path).startswith("Organisation")


def test_render_without_an_extension_gets_the_formats(tmp_path):
    example = run_fkstod("orosanmalan", "example")
    data = json.loads(example.stdout)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run_fkstod(
        "orosanmalan", "render", str(source), "--format", "txt", "--out", str(tmp_path / "rapport")
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.glob("rapport*"))
    assert written and all(name.endswith(".txt") for name in written), written


def test_a_huge_text_field_is_refused_before_rendering(tmp_path):
    example = json.loads(run_fkstod("orosanmalan", "example").stdout)
    example["egna_iakttagelser"] = "x" * 10_000_000
    example["barn"][0]["namn"] = "y" * 5_000
    source = tmp_path / "huge.json"
    source.write_text(json.dumps(example), encoding="utf-8")
    result = run_fkstod(
        "orosanmalan",
        "render",
        str(source),
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "o.pdf"),
        timeout=30,
    )
    assert_one_swedish_line(result, "för lång text")
    assert not list(tmp_path.glob("o*.pdf"))


@pytest.mark.parametrize("table", ["organization", "location", "service"])
def test_an_hsds_table_without_its_id_column_is_named(tmp_path, table):
    package = tmp_path / "paket"
    out = run_fkstod(
        "directory",
        "export",
        str(package),
        "--format",
        "hsds",
        env={"FKSTOD_DATA_DIR": str(tmp_path / "d")},
    )
    assert out.returncode == 0, out.stderr
    path = package / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    header[header.index("id")] = "nyckel"
    path.write_text("\n".join([",".join(header), *lines[1:]]) + "\n", encoding="utf-8")
    result = run_fkstod(
        "directory", "import", str(package), env={"FKSTOD_DATA_DIR": str(tmp_path / "d")}
    )
    assert_one_swedish_line(result, f"kolumnen id saknas i {table}.csv")


def test_an_import_that_removes_local_entries_needs_ja(tmp_path):
    from pathlib import Path

    good = Path(__file__).parent / "directory_files" / "lokala.csv"
    env = {"FKSTOD_DATA_DIR": str(tmp_path / "d")}
    assert run_fkstod("directory", "import", str(good), env=env).returncode == 0
    header_only = tmp_path / "tom.csv"
    header_only.write_bytes(good.read_bytes().splitlines(keepends=True)[0])
    refused = run_fkstod("directory", "import", str(header_only), env=env)
    assert_one_swedish_line(refused, "skulle ta bort", "--ja")
    still = run_fkstod("directory", "search", "mansjour", "--kommun", "1480", "--json", env=env)
    assert "lokal-gbg-man" in still.stdout
    done = run_fkstod("directory", "import", str(header_only), "--ja", env=env)
    assert done.returncode == 0, done.stderr
