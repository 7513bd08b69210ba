"""``fkstod training list``, ``fkstod training handout`` and ``fkstod flows diagram``."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from tests.conftest import run_cli, run_fkstod

# In process, Qt tests share one QApplication (``qapp``): the command would start a
# QGuiApplication of its own otherwise, and the widget tests after it need a QApplication.


def test_training_list_is_one_tab_separated_line_per_case():
    result = run_cli("training", "list")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    cases = load_cases(load_library()).listed()
    assert [row[0] for row in rows] == [case.id for case in cases]
    assert all(len(row) == 4 for row in rows)
    row = dict((r[0], r) for r in rows)["man-utsatt"]
    assert row[1:] == [
        "En man som utsätts för våld av sin partner",
        "sjukpenning",
        "sjukpenning-fraga",
    ]


def test_handout_is_one_pdf_marked_on_every_page_with_case_outline_and_diagram(qapp, tmp_path):
    out = tmp_path / "utdelning.pdf"
    result = run_cli("training", "handout", "man-utsatt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    pages = [
        unicodedata.normalize("NFKC", " ".join(p.extract_text().split())) for p in reader.pages
    ]
    assert len(pages) >= 2
    assert all(text.startswith("ÖVNING – fiktivt fall") for text in pages)
    whole = " ".join(pages)
    assert "En man som utsätts för våld av sin partner" in whole
    assert "Jonatan Hasselnöt" in whole
    assert "Flödet steg för steg" in whole
    assert "Kan personen prata fritt?" in pages[-1]  # the diagram, on the last page
    assert "Globala hopp" in pages[-1]
    # The trainer's notes are the trainer's: not in the participants' handout.
    assert "Den som spelar Jonatan" not in whole


def test_handout_of_an_unknown_case_is_a_swedish_error(tmp_path):
    result = run_cli("training", "handout", "finns-inte", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "övningsfallet finns-inte finns inte" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "suffix, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml"), ("pdf", b"%PDF-")]
)
def test_flows_diagram_writes_png_svg_and_pdf(qapp, tmp_path, suffix, magic):
    out = tmp_path / f"diagram.{suffix}"
    result = run_cli("flows", "diagram", "sjukpenning-fraga", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == "svg":
        text = data.decode("utf-8")
        assert "<svg" in text
        assert "Kan personen prata fritt?" in text
    if suffix == "pdf":
        text = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages
        )
        assert "Fråga om våld" in unicodedata.normalize("NFKC", text)


def test_flows_diagram_of_an_unknown_flow_or_format_is_a_swedish_error(tmp_path):
    result = run_cli("flows", "diagram", "finns-inte", "--out", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "flödet finns-inte finns inte" in result.stderr
    result = run_cli("flows", "diagram", "sjukpenning-fraga", "--out", str(tmp_path / "x.gif"))
    assert result.returncode == 1
    assert ".png, .svg eller .pdf" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_flows_diagram_works_without_a_display(tmp_path):
    out = tmp_path / "d.png"
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_fkstod("flows", "diagram", "akut-fara", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_handout_into_a_folder_is_refused_not_written_beside_it(qapp, tmp_path):
    folder = tmp_path / "utdelningar"
    folder.mkdir()
    result = run_cli("training", "handout", "man-utsatt", "--out", str(folder))
    assert result.returncode == 1
    assert f"{folder}: det finns en mapp med det namnet" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["utdelningar"]
