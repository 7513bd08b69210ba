"""Protected personal data in every output: preview, copy, Spara som (text and PDF), print, CLI.

Each detail that tells where the child or the family can be found holds a marker of
its own. With protected personal data on, no output may contain one; with it off,
every output has them all. The markers are letters only, so that text extracted
from a PDF keeps each one whole.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter

from fkstod.core.orosanmalan import example_input
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard

WARNING_HEADING = "VIKTIGT: DEN SOM BERÄTTADE KAN VARA I FARA"


def pdf_words(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # The extractor separates words with tabs: compare words, not whitespace.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_markers(page) -> dict[str, str]:
    """Put a marker in every locating field of the page's form; return ``{marker: field}``."""
    form = page.form
    edits = {"barn[0].adress": form.child_editor(0).adress}
    edits["barn[0].skola"] = form.child_editor(0).skola
    edits["barn[0].vistelse"] = form.child_editor(0).vistelse
    for i, guardian in enumerate(form.guardians):
        if not guardian.namn.text():
            guardian.namn.setText(f"Vårdnadshavare Nummer{i}")
        edits[f"vardnadshavare[{i}].adress"] = guardian.adress
        edits[f"vardnadshavare[{i}].telefon"] = guardian.telefon
    found = {}
    for field, edit in edits.items():
        mark = "Zq" + "".join(ch for ch in field.title() if ch.isalnum()) + "Qz"
        edit.setText(mark)
        found[mark] = field
    return found


class Outputs:
    """Drives the page like the caseworker and collects what each output holds."""

    def __init__(self, qtbot, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.save_to = tmp_path / "anmalan.pdf"
        self.printed = tmp_path / "utskrift.pdf"
        self.page = OrosanmalanPage(
            FakeDialogs(),
            save_asker=lambda parent, suggested: (str(self.save_to), ""),
            printer_asker=self._printer,
            save_file=self._save,
        )
        qtbot.addWidget(self.page)
        self.page.show()
        qtbot.waitExposed(self.page)

    def _printer(self, parent):
        # A printer that prints to a file stands in for the print dialog.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.printed))
        return printer

    @staticmethod
    def _save(path: Path, data: str | bytes) -> None:
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    def all(self) -> dict[str, str]:
        """Return the text of every output of the report shown, by output."""
        page = self.page
        page._refresh_preview()
        out = {"preview": page.preview.toPlainText()}
        page.copy_text()
        out["copy"] = QGuiApplication.clipboard().text()
        page.save_as()
        out["pdf"] = pdf_words(self.save_to.read_bytes())
        self.save_to = self.tmp_path / "anmalan.txt"
        page.save_as()
        out["txt"] = self.save_to.read_text(encoding="utf-8")
        page.print_report()
        out["print"] = pdf_words(self.printed.read_bytes())
        assert not page._dialogs.errors, page._dialogs.errors
        return out


@pytest.mark.parametrize("protected", [True, False])
def test_every_output_of_the_page_leaves_out_locating_details_when_protected(
    qtbot, tmp_path, protected
):
    outputs = Outputs(qtbot, tmp_path)
    page = outputs.page
    fill_by_keyboard(qtbot, page)
    found = page_markers(page)
    page.form.skyddade.setChecked(protected)
    for name, text in outputs.all().items():
        assert "Saga Exempelsson" in text, name
        present = {field for mark, field in found.items() if mark in text}
        if protected:
            assert present == set(), name
            assert "SKYDDADE PERSONUPPGIFTER" in text, name
        else:
            assert present == set(found.values()), name
        # Violence in the family: the warning for social services is in every output.
        assert WARNING_HEADING in text, name
    QGuiApplication.clipboard().clear()


@pytest.mark.parametrize("protected", [True, False])
@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
def test_the_command_line_leaves_them_out_in_every_format(qapp, tmp_path, capsys, fmt, protected):
    from fkstod.cli import main

    data = example_input()
    data["skyddade_personuppgifter"] = protected
    found = {}
    for group, names in (
        ("barn", ("adress", "skola", "vistelse")),
        ("vardnadshavare", ("adress", "telefon")),
    ):
        for i, record in enumerate(data[group]):
            for name in names:
                record[name] = f"Zq{group}{i}{name}Qz"
                found[record[name]] = f"{group}[{i}].{name}"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"anmalan.{fmt}"
    assert main(["orosanmalan", "render", str(source), "--format", fmt, "--out", str(out)]) == 0
    for index in range(len(data["barn"])):
        path = tmp_path / f"anmalan-barn{index + 1}.{fmt}"
        text = pdf_words(path.read_bytes()) if fmt == "pdf" else path.read_text(encoding="utf-8")
        present = {field for mark, field in found.items() if mark in text}
        if protected:
            assert present == set(), path.name
        else:
            own = {
                f
                for f in found.values()
                if not f.startswith("barn[") or f.startswith(f"barn[{index}]")
            }
            assert present == own, path.name
        assert WARNING_HEADING in text
    capsys.readouterr()
