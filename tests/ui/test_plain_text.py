"""Data shows as plain text: every label and tool tip of every section, with hostile data.

Directory entries from an import, a flow's texts and the social services name
in the report all carry markup. The test walks every ``QLabel`` and every tool
tip in the window: one that holds the markup as it was typed must not be shown
as rich text. A label added later is walked too.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox, QWidget

from fkstod import app as fkapp
from fkstod.core.directory import csvfile
from fkstod.core.flows import load_library
from fkstod.core.flows.cache import FlowCache
from fkstod.ui.dialogs import _box
from fkstod.ui.widgets.plain_label import PlainLabel, plain_tooltip
from tests.ui.fakes import FakeDialogs

HOSTILE = "<h1>X</h1><img src=file:///x>"
FIXTURE = Path(__file__).parents[1] / "core" / "flows_fixture"

FLOW = f'''
id = "fientlig"
title = "{HOSTILE} flöde"
version = "1"
benefits = ["sjukpenning"]
when = "{HOSTILE} när"
start = "forsta"

[[sources]]
id = "egen"
title = "{HOSTILE} källa"

[[steps]]
id = "forsta"
kind = "question"
title = "{HOSTILE} rubrik"
say = "{HOSTILE} säg"
guidance = "{HOSTILE} tänk på"
sources = ["egen"]

[[steps.options]]
label = "{HOSTILE} ja"
next = "slut"

[[steps]]
id = "slut"
kind = "outcome"
title = "{HOSTILE} slut"
say = "{HOSTILE} avslut"
codes = ["ask_again_later"]
note = "{HOSTILE} anteckning"
'''


def _hostile_entries(path: Path) -> Path:
    fields = {
        "organisation": HOSTILE,
        "tjanst": f"{HOSTILE} tjänst",
        "beskrivning": f"{HOSTILE} beskrivning",
        "kategori": "socialtjanst",
        "telefon": "040-123 45 67",
        "telefontider": "dygnet runt",
        "kommuner": "1280",
        "adress": f"{HOSTILE} adress",
        "tillganglighet": HOSTILE,
        "taggar": f"{HOSTILE} tagg",
        "senast_verifierad": "2020-01-01",
        "kalla": HOSTILE,
    }
    buffer = io.StringIO()
    names = list(fields)
    buffer.write(";".join(csvfile.HEADERS[n] for n in names) + "\n")
    buffer.write(";".join(fields[n] for n in names) + "\n")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def is_rich(text: str, fmt: Qt.TextFormat) -> bool:
    if fmt == Qt.TextFormat.PlainText:
        return False
    if fmt == Qt.TextFormat.RichText:
        return True
    return GuiQt.mightBeRichText(text)


def shown_as_markup(widget: QWidget) -> list[str]:
    """Every place under ``widget`` where the hostile markup would be rendered."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if (
            isinstance(child, QLabel)
            and HOSTILE in child.text()
            and is_rich(child.text(), child.textFormat())
        ):
            found.append(f"label {child.accessibleName() or child.objectName()!r}")
        if HOSTILE in child.toolTip() and GuiQt.mightBeRichText(child.toolTip()):
            found.append(f"tool tip of {type(child).__name__}")
        if isinstance(child, QListWidget):
            for row in range(child.count()):
                tip = child.item(row).toolTip()
                if HOSTILE in tip and GuiQt.mightBeRichText(tip):
                    found.append(f"tool tip of row {row} of {child.accessibleName()!r}")
    return found


@pytest.fixture
def window(qtbot, data_folder, tmp_path, monkeypatch):
    flows = tmp_path / "flows"
    flows.mkdir()
    for path in FIXTURE.glob("*.toml"):
        shutil.copy(path, flows)
    (flows / "fientlig.toml").write_text(FLOW, encoding="utf-8")
    library = load_library(flows)
    assert "fientlig" in library.flows, library.unavailable
    monkeypatch.setattr(FlowCache, "load", lambda _cache: library)

    services, _notice = fkapp.build_services(data_folder)
    directory = services.directory
    plan = directory.plan_import(_hostile_entries(tmp_path / "fientlig.csv"))
    assert plan.ok, plan.problems
    directory.apply_import(plan)

    fkapp.make_application()
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.build_pending_sections()
    yield window
    fkapp.apply_text_scale(1.0)
    services.db.close()


def _page_of(window, cls_name: str):
    for index in range(window.navigation.count()):
        page = window.page(index)
        if type(page).__name__ == cls_name:
            return index, page
    raise AssertionError(cls_name)


def test_no_label_or_tool_tip_renders_data_as_markup(qtbot, window):
    # Samtalsstöd: the hostile flow in the picker, its first step and its end.
    index, flows = _page_of(window, "FlowPage")
    window.show_section(index)
    assert shown_as_markup(window) == []
    flows.start("fientlig", "sjukpenning")
    assert HOSTILE in flows.step_view.flow_title.text()
    assert shown_as_markup(window) == []
    flows.choose(0)
    assert shown_as_markup(window) == []

    # Stödkatalog: the imported entry found and shown.
    index, page = _page_of(window, "DirectoryPage")
    window.show_section(index)
    page.search_box.setText("tjänst")
    page.results.setCurrentRow(0)
    assert HOSTILE in page.view.title.text()
    assert shown_as_markup(window) == []

    # Orosanmälan: the child's municipality names the hostile social services.
    index, report = _page_of(window, "OrosanmalanPage")
    window.show_section(index)
    combo = report.form.kommun
    combo.setCurrentIndex(combo.findData("1280"))
    assert HOSTILE in report.form.socialtjanst.text()
    assert shown_as_markup(window) == []


def test_the_walk_finds_a_label_that_would_render_markup(qtbot):
    # The test above can fail: an ordinary QLabel with data in it is found.
    parent = QWidget()
    qtbot.addWidget(parent)
    QLabel(HOSTILE, parent)
    assert shown_as_markup(parent) != []


def test_plain_label_and_tool_tip_show_the_characters_typed(qtbot):
    label = PlainLabel(HOSTILE)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    tip = plain_tooltip(HOSTILE)
    doc = QTextDocument()
    doc.setHtml(tip)
    assert doc.toPlainText() == HOSTILE
    assert "<img" not in tip
    assert plain_tooltip("Kvinnojouren – Jour & stöd") == "Kvinnojouren – Jour & stöd"


def test_message_boxes_show_plain_text(qtbot):
    box = _box(None, QMessageBox.Icon.Information, "Titel", HOSTILE)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert QApplication.instance() is not None


def test_the_entry_editor_explains_a_web_address_urlsplit_refuses(qtbot, memory_db):
    from fkstod.core.directory import Directory
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    directory = Directory(memory_db)
    dialog = DirectoryEntryDialog(directory.save)
    qtbot.addWidget(dialog)
    values = {
        "organisation": HOSTILE,
        "kategori": "kvinnor",
        "telefon": "040-123 45 67",
        "webb": "http://[x",
        "senast_verifierad": "2026-01-01",
    }
    for name, value in values.items():
        field = dialog.fields[name]
        field.set_value(value) if hasattr(field, "set_value") else field.setText(value)
    dialog.try_save()
    assert dialog.saved is None
    assert "ingen webbadress" in dialog.errors.text()
    # A list's rows are never read as markup (test_the_walk… checks labels).
    from PySide6.QtWidgets import QListWidget

    assert isinstance(dialog.errors, QListWidget)
    assert directory.local_entries() == []
