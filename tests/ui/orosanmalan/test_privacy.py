"""Drafting a report writes nothing: no file in the data folder or the temp folder, no trace in the database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard, type_into

CHILD = "Saga Hemligsson"


def snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    # A temp folder of this test's own: other processes on the machine use the shared one.
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("TEMP", str(folder))
    monkeypatch.setenv("TMP", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _flows_parsed_at_start() -> bool:
    from fkstod import paths
    from fkstod.core.flows.cache import PREPARED_NAME, FlowCache

    cache = FlowCache(Path(os.devnull), prepared=paths.resource(PREPARED_NAME))
    cache.load()
    return cache.stale


@pytest.fixture
def window(qtbot, data_folder, temp_folder):
    from fkstod.app import build_services, build_window

    services, _ = build_services(data_folder)
    dialogs = FakeDialogs()
    win = build_window(services, dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # A start that had to parse the flows keeps them (shipped content only) in
    # flows.cache after its first paint: written before the snapshots, it is no
    # part of drafting. With the prepared library current, nothing is written.
    if _flows_parsed_at_start():
        qtbot.waitUntil(lambda: (data_folder / "flows.cache").exists())
    yield win, services, dialogs
    # The field last typed in saves the reporter's details when it loses the focus:
    # let it, as the app does when the window closes, before the database closes.
    if (focused := QApplication.focusWidget()) is not None:
        focused.clearFocus()
    services.db.close()


def oro_page(win):
    from fkstod.ui.orosanmalan.page import OrosanmalanPage

    return next(
        win.page(i) for i in range(win.pages.count()) if isinstance(win.page(i), OrosanmalanPage)
    )


def oro_index(win) -> int:
    page = oro_page(win)
    return next(i for i in range(win.pages.count()) if win.page(i) is page)


def test_drafting_writes_no_file_and_leaves_no_trace(qtbot, window, data_folder, temp_folder):
    win, services, _ = window
    page = oro_page(win)
    win.show_section(oro_index(win))
    # The reporter's own details may be stored: type them first, then take the snapshot.
    type_into(qtbot, page.form.reporter["namn"], "Kim Handläggare")
    qtbot.keyClick(page.form.reporter["namn"], Qt.Key.Key_Tab)
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before_data, before_temp = snapshot(data_folder), snapshot(temp_folder)

    fill_by_keyboard(qtbot, page, name=CHILD, seen="Hemlig iakttagelse om barnet.")
    qtbot.waitUntil(lambda: CHILD in page.preview.toPlainText(), timeout=2000)
    page.copy_text()  # a report was created: counted, nothing else
    qtbot.wait(50)

    assert snapshot(temp_folder) == before_temp == {}
    after = snapshot(data_folder)
    assert set(after) == set(before_data)
    for path in data_folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in (CHILD, "Hemlig iakttagelse", "20150312", "Påhittade gatan"):
                assert secret.encode("utf-8") not in content, path
    labels = [(c.metric, dict(c.labels)) for c in services.usage.counts()]
    assert labels == [("orosanmalan_created", {"benefit": "other"})]
    assert services.settings.get("orosanmalan/reporter")["namn"] == "Kim Handläggare"


def test_start_from_a_flow_counts_with_its_benefit(qtbot, window):
    win, services, _ = window
    page = oro_page(win)
    page.start("underhallsstod")
    fill_by_keyboard(qtbot, page)
    page.copy_text()
    assert [dict(c.labels) for c in services.usage.counts()] == [{"benefit": "underhallsstod"}]


def test_closing_with_a_report_in_progress_asks_first(qtbot, window):
    win, _, dialogs = window
    page = oro_page(win)
    type_into(qtbot, page.form.child_editor(0).namn, CHILD)
    dialogs.answer = False
    win.close()
    assert win.isVisible()
    assert page.form.child_editor(0).namn.text() == CHILD
    dialogs.answer = True
    win.close()
    assert not win.isVisible()
    assert page.form.child_editor(0).namn.text() == ""  # cleared from memory


def test_a_new_report_cannot_bring_back_the_last_one_with_undo(qtbot):
    # Ctrl+Z in an emptied line edit brings its text back unless its history goes too:
    # the last family's names, address and phone in the next caller's report.
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from fkstod.ui.orosanmalan.page import OrosanmalanPage

    page = OrosanmalanPage(FakeDialogs(answer=True), reporter={})
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page, name=CHILD)
    form = page.form
    form.akut.setChecked(True)
    form.tolk.setChecked(True)
    for edit, text in (
        (form.akut_kontakt, "Socialjouren, Kim"),
        (form.ovriga_syskon, "Halvbror Hemligsson"),
        (form.tolk_sprak, "arabiska"),
        (form.guardians[1].namn, "Jonas Hemligsson"),
        (form.uppgifter_fran_andra, "Hemligt berättat"),
    ):
        type_into(qtbot, edit, text)
    page.new_report()
    reporter = set(form.reporter.values())
    line_edits = [w for w in form.findChildren(QLineEdit) if w not in reporter]
    text_boxes = form.findChildren(QPlainTextEdit)
    assert len(line_edits) >= 10 and len(text_boxes) == 2
    # Shown or hidden (the interpreter's language until Tolk is ticked again): no history.
    kept = [w.accessibleName() for w in line_edits if w.isUndoAvailable()]
    kept += [w.accessibleName() for w in text_boxes if w.document().isUndoAvailable()]
    assert kept == []
    guardian = form.guardians[0].namn
    guardian.setFocus()
    qtbot.keyClick(guardian, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert guardian.text() == ""
