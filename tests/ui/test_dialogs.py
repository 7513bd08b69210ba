"""The one Dialogs protocol: the real dialogs and the tests' fake answer the same questions."""

from __future__ import annotations

import inspect

from fkstod.ui.dialogs import Dialogs, QtDialogs
from tests.ui.fakes import FakeDialogs


def _questions(cls) -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(member).parameters)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_the_real_dialogs_and_the_fake_implement_every_question_of_the_protocol():
    protocol = _questions(Dialogs)
    assert {"info", "error", "confirm", "open_file", "save_file", "choose_printer"} <= set(protocol)
    real = _questions(QtDialogs)
    fake = _questions(FakeDialogs)
    for name, parameters in protocol.items():
        assert real.get(name) == parameters, name
        assert fake.get(name) == parameters, name


def test_no_widget_opens_a_dialog_of_qt_by_itself():
    # Message boxes, file and print dialogs go through Dialogs, so a fake can answer them.
    from tests.conftest import REPO

    allowed = {REPO / "fkstod" / "ui" / "dialogs.py"}
    for path in (REPO / "fkstod" / "ui").rglob("*.py"):
        if path in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for name in ("QMessageBox", "QFileDialog", "QPrintDialog"):
            assert name not in text, f"{path.relative_to(REPO)}: {name}"


def test_a_file_dialog_starts_in_the_documents_folder_not_the_working_folder(
    qtbot, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog, QWidget

    from fkstod.qt import private_file_dialog
    from fkstod.ui.dialogs import QtDialogs

    documents = tmp_path / "Dokument"
    documents.mkdir()
    monkeypatch.setattr(private_file_dialog, "neutral_folder", lambda: str(documents))
    started: list[str] = []

    def ask(_parent, _title, start, *_rest):
        started.append(start)
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", ask)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda p, t, start, o: ask(p, t, start)
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = QtDialogs(parent)
    dialogs.save_file("Spara", "stodkatalog.csv", "CSV (*.csv)")
    dialogs.save_file("Spara", str(tmp_path / "annan" / "fil.csv"), "CSV (*.csv)")
    dialogs.open_file("Öppna", "CSV (*.csv)")
    dialogs.choose_folder("Välj mapp")
    assert started == [
        str(documents / "stodkatalog.csv"),
        str(tmp_path / "annan" / "fil.csv"),  # a folder given stays
        str(documents),
        str(documents),
    ]
