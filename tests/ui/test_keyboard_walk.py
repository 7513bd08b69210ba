"""Every view and dialog walked by Tab alone, as a keyboard user and a screen reader meet it.

One walker over each section (Samtalsstöd also on a step and its summary, Statistik on
both tabs) and each window a section opens (Om fkstod, F1, the entry editor, Exportera
statistik, the trainer's console, Öva själv), at 100 % and 150 % text on 1366×768. At each
stop Tab reaches: it has a name a screen reader says (as Qt gives it on Windows: the
accessible name, else the label whose buddy it is), it lies where it can be seen (inside
its scroll area's viewport), and it looks different with the keys than without (a focus
mark). Tab comes back to where it started, through every control that takes it: never
stuck, never a loop in a part of the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from fkstod import paths
from fkstod.qt.text_scale import apply_text_scale
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SCREEN = (1366, 768 - 40)


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _buddy_text(widget: QWidget) -> str:
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.isVisible():
            return label.text().replace("&", "").strip()
    return ""


def spoken_name(widget: QWidget) -> str:
    """Return the name NVDA says for ``widget``, as Qt gives it on Windows.

    A combo box's, a spin box's, a text box's or a view's name there is its accessible name
    or its label's text; Qt on Linux gives the value instead, so it is not asked for those.
    """
    if isinstance(widget, (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractScrollArea)):
        return widget.accessibleName() or _buddy_text(widget)
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return name or _buddy_text(widget)


def _text_said(label: QLabel) -> bool:
    """Return True when a screen reader gets ``label``'s text: in its name or description.

    A label given a name says that name only (Qt gives no value and no text of a label).
    """
    text = QTextDocumentFragment.fromHtml(label.text()).toPlainText().strip()
    interface = QAccessible.queryAccessibleInterface(label)
    said = interface.text(QAccessible.Text.Name) + "\n" + label.accessibleDescription()
    return " ".join(text.split()) in " ".join(said.split())


def _in_view(widget: QWidget) -> bool:
    top = widget.window()
    shown = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            port = parent.viewport()
            shown = shown.intersected(QRect(port.mapTo(top, QPoint(0, 0)), port.size()))
        parent = parent.parentWidget()
    return shown.isValid() and top.rect().contains(shown.center())


def _marked(widget: QWidget) -> bool:
    """Return True when ``widget`` looks different with the keys than without them."""
    focused = widget.grab().toImage()
    widget.clearFocus()
    settle()
    unfocused = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    return focused != unfocused


def _takes_tab(widget: QWidget, top: QWidget) -> bool:
    return (
        widget.window() is top
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
        # The text field inside an editable combo box or a spin box: the box takes the keys.
        and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
    )


def selectable_out_of_reach(top: QWidget) -> list[str]:
    """Return the labels whose text is selectable by keys that Tab never gives the keys.

    Qt's ``setTextInteractionFlags`` sets the focus policy anew: a ``TabFocus`` set
    before it is lost, and the label takes the keys only from a click.
    """
    return [
        f"label {(label.accessibleName() or label.text())[:40]!r}: selectable by keys, no Tab"
        for label in top.findChildren(QLabel)
        if label.isVisible()
        and label.text().strip()
        and label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
        and not label.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def cut_off(top: QWidget) -> list[str]:
    """Return the labels whose wrapped text needs more height than they were given."""
    faults = []
    for label in top.findChildren(QLabel):
        if not label.isVisible() or not label.wordWrap() or not label.text().strip():
            continue
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 2:
            text = label.text().replace("\n", " ")[:40]
            faults.append(f"label {text!r}: {label.height()} px high, its text needs {needed}")
    return faults


def walk(top: QWidget) -> tuple[list[QWidget], list[str]]:
    """Tab through ``top`` from where its keys are; return the stops and what is wrong."""
    faults: list[str] = []
    stops: list[QWidget] = []
    if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not top:
        top.activateWindow()
        top.setFocus()
        settle()
    first = QApplication.focusWidget()
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is None:
            faults.append("the keys went nowhere")
            break
        if widget.window() is not top:
            faults.append(f"Tab left the window for {widget.window().windowTitle()!r}")
            break
        if widget in stops:
            if widget is not first and widget is not stops[0]:
                faults.append(f"Tab goes round without coming back, from {spoken_name(widget)!r}")
            break
        stops.append(widget)
        name = spoken_name(widget)
        what = f"{type(widget).__name__} {name!r}"
        if not name:
            faults.append(f"{what}: no name a screen reader can say")
        if isinstance(widget, QLabel) and not _text_said(widget):
            faults.append(f"{what}: a screen reader says its name, not its text")
        if widget is not top and not _in_view(widget):
            faults.append(f"{what}: has the keys outside what can be seen")
        if widget is not top and not _marked(widget):
            faults.append(f"{what}: no focus mark")
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        settle()
    reached = set(stops)
    for widget in top.findChildren(QWidget):
        if _takes_tab(widget, top) and widget not in reached:
            if any(widget.isAncestorOf(s) for s in reached):
                continue
            faults.append(f"{type(widget).__name__} {spoken_name(widget)!r}: Tab never reaches it")
    return stops, faults


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    for window in real_window(qtbot, data_folder, dialogs, services, shutdown=True):
        dialogs.parent = window
        yield window
    apply_text_scale(1.0)


def _section_views(window, qtbot, dialogs, exports) -> Iterator[tuple[str, QWidget]]:
    for index, section in enumerate(window.sections()):
        window.show_section(index)
        page = window.page(index)
        settle()
        yield section.id, window
        if section.id == "samtal":
            page.start("berattar-om-vald", "sjukpenning")
            yield "samtal: steg", window
            while page.stack.currentWidget() is not page.summary:
                step = page.session.step
                page.choose(0) if step.kind == "question" else page.advance()
            yield "samtal: sammanfattning", window
            page.new_conversation()
        if section.id == "statistik":
            page.tabs.setCurrentIndex(1)
            page.tabs.tabBar().setFocus()
            yield "statistik: Sammanställning", window
            from tests.ui.statistik.test_statistik import merged_panel

            merged_panel(qtbot, window, dialogs, exports)
            page.tabs.tabBar().setFocus()
            yield "statistik: Sammanställning, sammanställd", window
            page.tabs.setCurrentIndex(0)


def _dialogs(window, services) -> Iterator[tuple[str, QWidget]]:
    from fkstod.ui.about_dialog import AboutDialog
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog
    from fkstod.ui.shortcuts_dialog import ShortcutsDialog, window_keys

    opened: list[QWidget] = [AboutDialog(services.data_folder, paths.resource_mode(), window)]
    yield "Om fkstod", opened[-1]
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    opened.append(ShortcutsDialog(window_keys(window, sections), window))
    yield "F1", opened[-1]
    katalog = window.page(window.index_of("katalog"))
    opened.append(
        DirectoryEntryDialog(
            lambda *_a: None,
            None,
            katalog,
            katalog.directory.languages(),
            confirm_discard=lambda: True,
        )
    )
    yield "Ny post", opened[-1]
    services.usage.record("flow_started", flow="underhallsstod-fraga", benefit="underhallsstod")
    window.show_section(window.index_of("statistik"))
    export = window.sections()[window.index_of("statistik")].export()
    assert export is not None
    yield "Exportera statistik", export
    export.reject()
    ovning = window.page(window.index_of("ovning"))
    window.show_section(window.index_of("ovning"))
    presenter = ovning.present()
    yield "tränarvy", presenter.console
    presenter.close()
    practice = ovning.practise()
    yield "Öva själv", practice
    practice.close()
    for dialog in opened:
        dialog.close()
        dialog.deleteLater()


def _show(top: QWidget) -> None:
    if not top.isVisible():
        top.show()
    top.activateWindow()
    settle()


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Three caseworkers' exports of last month, and one file that is not an export."""
    from tests.ui.statistik.test_statistik import make_exports

    return make_exports(tmp_path_factory.mktemp("walk"), 3)


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["100%", "150%"])
def test_tab_walks_every_view_and_dialog_by_named_marked_visible_stops(
    window, services, qtbot, dialogs, exports, scale
):
    apply_text_scale(scale)
    window.resize(*SCREEN)
    settle()
    faults: dict[str, list[str]] = {}
    for view, top in chain(
        _section_views(window, qtbot, dialogs, exports), _dialogs(window, services)
    ):
        _show(top)
        stops, found = walk(top)
        if len(stops) < 1:
            found.append("no stop at all")
        found += cut_off(top) + selectable_out_of_reach(top)
        if found:
            faults[view] = found
    assert not faults, faults
