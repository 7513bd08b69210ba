"""Menus and help: the Samtal menu, Arkiv's directory entries, F1's list of keys, Om fkstod."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut

from fkstod.ui.main_window import KEY_SEPARATOR
from fkstod.ui.shortcuts_dialog import ShortcutsDialog, key_text, window_keys
from tests.ui.fakes import FakeDialogs, real_window


@pytest.fixture
def built(qtbot, data_folder):
    dialogs = FakeDialogs()
    for window in real_window(qtbot, data_folder, dialogs):
        yield window, dialogs, data_folder


def entries(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_samtal_menu_has_nytt_samtal_the_jumps_and_compact_mode(qtbot, built):
    window, _dialogs, _services = built
    texts = entries(window.call_menu)
    assert texts[0] == "&Nytt samtal\tCtrl+N"  # the key is the page's (Samtalsstöd)
    jumps = [a for a in window.call_menu.actions() if a.shortcut().toString().startswith("F")]
    assert [a.shortcut().toString() for a in jumps] == ["F5", "F6", "F7", "F8"]
    compact = next(a for a in window.call_menu.actions() if a.text().startswith("&Kompakt"))
    assert compact.text().endswith("\tCtrl+Skift+K")
    compact.trigger()
    assert window.compact
    compact.trigger()
    assert not window.compact


def test_nytt_samtal_in_the_menu_ends_the_flow_after_asking(qtbot, built):
    window, dialogs, _services = built
    page = window.page(window.index_of("samtal"))
    page.start("underhallsstod-fraga", "underhallsstod")
    window.show_section(window.index_of("statistik"))
    window.call_menu.actions()[0].trigger()
    assert window.current_section_id() == "samtal"
    assert "Nytt samtal?" in dialogs.confirm_titles()
    assert page.session is None and page.stack.currentWidget() is page.picker


def test_arkiv_has_the_directory_import_and_export(qtbot, built):
    window, dialogs, _services = built
    texts = entries(window.file_menu)
    assert texts[-1] == "&Avsluta"
    assert "&Importera till stödkatalogen…\tCtrl+I" in texts
    assert "&Exportera stödkatalogen som CSV…\tCtrl+Skift+S" in texts
    directory = window.page(window.index_of("katalog"))
    asked = []
    directory.transfer.choose_import_path = lambda: asked.append("import") or ""
    action = next(a for a in window.file_menu.actions() if a.text().startswith("&Importera"))
    if directory.loading:  # read in slices: from the menu meanwhile, it says so
        action.trigger()
        assert asked == [] and [t for t, _ in dialogs.infos] == ["Stödkatalogen läses in"]
        qtbot.waitUntil(lambda: not directory.loading)
    action.trigger()
    assert asked == ["import"] and window.current_section_id() == "katalog"


def test_f1_lists_every_key_of_the_window(qtbot, built, monkeypatch):
    window, _dialogs, _services = built
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.text.toPlainText()))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(shown) == 1
    text = shown[0]
    # Every key the window has, read from the window itself, is in the list.
    keys = [s for a in window.findChildren(QAction) for s in a.shortcuts() if not s.isEmpty()]
    keys += [s.key() for s in window.findChildren(QShortcut) if not s.key().isEmpty()]
    assert keys
    for sequence in keys:
        assert key_text(sequence) in text, sequence.toString()
    for expected in ("F5", "Ctrl+K", "Alt+Vänsterpil", "Ctrl+Skift+K", "Kortkommandon"):
        assert expected in text


def test_each_listed_key_says_what_it_does(qtbot, built):
    window, _dialogs, _services = built
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    keys = window_keys(window, sections)
    undescribed = [(k.where, k.keys) for k in keys if not k.what]
    assert undescribed == []
    copy = next(k for k in keys if k.keys == "Ctrl+K")
    assert copy.where == "Stödkatalog" and "Kopiera" in copy.what


def test_om_fkstod_is_in_the_help_menu_and_says_where_the_data_is(qtbot, built):
    window, _dialogs, data_folder = built
    # F1 is the list of keys; Ctrl+F1 is about fkstod.
    assert [s.toString() for s in window.about_action.shortcuts()] == ["Ctrl+F1"]
    from fkstod.ui.about_dialog import AboutDialog

    dialog = AboutDialog(data_folder, "checkout")
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert str(data_folder) in text
    assert "Var fkstod sparar sina uppgifter" in text
    assert "Inget om de personer du pratar med sparas" in text


def test_the_section_list_shows_the_ctrl_number_keys(qtbot, built):
    window, _dialogs, _services = built
    nav = window.navigation
    assert nav.count() == len(window.sections())
    assert [nav.item(i).text().split(KEY_SEPARATOR)[1] for i in range(nav.count())] == [
        f"Ctrl+{n}" for n in range(1, nav.count() + 1)
    ]
    # A screen reader reads the name, and the key as its description.
    names = [s.title for s in window.sections()]
    assert [
        nav.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(nav.count())
    ] == names
    # Under the name, so the list is no wider than before; the row shows both lines.
    nav.doItemsLayout()
    rect = nav.visualItemRect(nav.item(0))
    assert rect.height() >= 2 * nav.fontMetrics().height()


def test_the_menu_letters_clash_with_no_alt_key_of_any_section(qtbot, built):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window, _dialogs, _services = built

    def letter(text: str) -> str:
        return QKeySequence.mnemonic(text).toString().lower()

    menus = [letter(a.text()) for a in window.menuBar().actions()]
    assert "" not in menus and len(set(menus)) == len(menus)  # one letter each
    for index in range(window.pages.count()):
        page = window.page(index)
        texts = [w.text() for w in page.findChildren(QAbstractButton)]
        texts += [w.text() for w in page.findChildren(QLabel)]
        clashes = [t for t in texts if letter(t) and letter(t) in menus]
        assert clashes == [], window.sections()[index].title


def test_a_key_without_words_of_its_own_is_named_by_its_button(qtbot, built):
    window, _dialogs, _services = built
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    keys = {(k.where, k.keys): k.what for k in window_keys(window, sections)}
    assert keys[("Samtalsstöd", "Alt+Vänsterpil")] == "Tillbaka till sista steget"
    assert keys[("Stödkatalog", "Alt+Vänsterpil")] == "Tillbaka till samtalet"
    assert keys[("Stödkatalog", "Ctrl+F")] == "Sök i stödkatalogen"  # named in its hint


def test_the_list_of_keys_scrolls_by_keyboard(qtbot, built):
    window, _dialogs, _services = built
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    dialog = ShortcutsDialog(window_keys(window, sections), window)
    qtbot.addWidget(dialog)
    dialog.resize(400, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.text
    bar = dialog.text.verticalScrollBar()
    qtbot.keyClick(dialog.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    # The last line is in view (the bar may keep a line's worth for the document's margin).
    assert bar.value() > 0
    cursor = dialog.text.cursorRect()
    assert dialog.text.textCursor().atEnd()
    assert cursor.top() >= 0 and cursor.bottom() <= dialog.text.viewport().height()


def test_arkiv_exports_the_directory_in_every_format_the_page_offers(qtbot, built):
    window, _dialogs, _services = built
    directory = window.page(window.index_of("katalog"))
    qtbot.waitUntil(lambda: not directory.loading)  # read in slices; the menu waits for it
    exported: list[str] = []
    directory.transfer.export_file = exported.append  # the page's own menu, then Arkiv's
    for action in directory.transfer.export_button.menu().actions():
        action.trigger()
    offered = list(exported)
    exported.clear()
    for action in window.file_menu.actions():
        if action.text().replace("&", "").startswith("Exportera stödkatalogen"):
            action.trigger()
    assert offered == ["xlsx", "csv", "hsds"]
    assert exported == offered  # in the same order: Excel first, as coordinators use it


def test_no_key_is_described_by_just_the_name_of_its_section(qtbot, built):
    # "Ctrl+Skift+D  Övning" under Övning says nothing about what the key does.
    window, _dialogs, _services = built
    for index in range(window.pages.count()):
        window.show_section(index)  # a section builds its page (and keys) when first shown
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    vague = [(k.where, k.keys) for k in window_keys(window, sections) if k.what == k.where]
    assert vague == []


def test_the_list_says_how_to_answer_a_step(qtbot, built):
    from fkstod.ui.shortcuts_dialog import keys_as_text

    window, _dialogs, _services = built
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    text = keys_as_text(window_keys(window, sections))
    for words in ("1–9", "Enter", "Backsteg", "Alt+1"):
        assert words in text, words


def test_avsluta_and_importera_name_their_keys_on_every_platform(qtbot, built):
    # Qt's standard Quit key is Ctrl+Q on Linux and the Mac and none on Windows;
    # the caseworker's Windows laptop gets the same Ctrl+Q. Importera is the
    # Stödkatalog page's Ctrl+I, shown beside the entry.
    window, _dialogs, _services = built
    assert [s.toString() for s in window.quit_action.shortcuts()] == ["Ctrl+Q"]
    texts = entries(window.file_menu)
    assert "&Importera till stödkatalogen…\tCtrl+I" in texts


# -- every menu entry has a key, and no two keys meet ------------------------------------


def _key_of_entry(action) -> list[str]:
    """Return the keys of a menu entry: its own, or the one it shows ("…\\tCtrl+Skift+B")."""
    from PySide6.QtGui import QKeySequence

    own = [s.toString() for s in action.shortcuts() if not s.isEmpty()]
    if own or "\t" not in action.text():
        return own
    shown = action.text().split("\t", 1)[1].replace("Skift", "Shift")
    sequence = QKeySequence(shown)
    return [sequence.toString()] if not sequence.isEmpty() else []


def _bindings(window):
    """Yield (key, scope widget, context, what, binding) for every key bound in ``window``.

    A QAction's key works where it was added (a menu's: where its menu is); a
    QShortcut's where its parent is. Keys of other windows (dialogs the window
    once opened, the presenter's) are theirs.
    """
    from PySide6.QtWidgets import QMenu

    def scopes(action):
        for widget in action.associatedObjects():
            if isinstance(widget, QMenu):
                if widget.menuAction().associatedObjects():  # in the menu bar or a menu
                    yield window
            elif widget.window() is window:
                yield widget

    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            for scope in scopes(action):
                if not sequence.isEmpty():
                    key = sequence.toString()
                    yield key, scope, action.shortcutContext(), action.text(), action
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if not shortcut.key().isEmpty() and parent.window() is window:
            what = shortcut.whatsThis() or type(parent).__name__
            yield shortcut.key().toString(), parent, shortcut.context(), what, shortcut


def _never_shown_together(a, b) -> bool:
    """True when ``a`` and ``b`` lie on different pages of one stack (a section, a step)."""
    from PySide6.QtWidgets import QStackedWidget

    def pages(widget):
        found = {}
        while widget is not None:
            parent = widget.parentWidget()
            if isinstance(parent, QStackedWidget):
                found[parent] = widget
            widget = parent
        return found

    in_a, in_b = pages(a), pages(b)
    return any(in_a[stack] is not in_b[stack] for stack in in_a.keys() & in_b.keys())


def _meet(first, second) -> bool:
    """True when two bindings of one key can both be active at once (Qt then runs neither)."""
    (_k, scope_a, context_a, _w, one), (_k2, scope_b, context_b, _w2, other) = first, second
    if one is other:
        return False  # one action, reached from two places (a menu and the window)
    if _never_shown_together(scope_a, scope_b):
        return False
    focus = Qt.ShortcutContext.WidgetWithChildrenShortcut
    if context_a != focus or context_b != focus:
        return True  # one works whenever its widget is shown
    # Both while the focus is inside their widget: when one lies inside the other.
    return scope_a is scope_b or scope_a.isAncestorOf(scope_b) or scope_b.isAncestorOf(scope_a)


def test_every_menu_entry_has_a_key_and_no_two_keys_meet(qtbot, built):
    """Every action has a key and a menu entry; a key does one thing where it works.

    Walks every entry of every menu of the window (the menu bar's and the pages' own,
    Stödkatalog's formats), with every section built and a call at its summary.
    """
    from PySide6.QtCore import SIGNAL
    from PySide6.QtWidgets import QMenu

    from tests.ui.samtal.test_summary_keys import to_the_summary

    window, _dialogs, _services = built
    for index in range(len(window.sections())):
        window.show_section(index)
    window.show_section(window.index_of("samtal"))
    to_the_summary(qtbot, window)  # the summary's keys, and the steps' on the way
    bindings = list(_bindings(window))
    bound = {key for key, *_rest in bindings}
    menus = [m for m in window.findChildren(QMenu) if m.parentWidget().window() is window]
    assert window.help_menu in menus and len(menus) > 4  # the pages' menus too
    without, unbound, walked = [], [], 0
    for menu in menus:
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if not action.receivers(SIGNAL("triggered(bool)")):
                continue  # does nothing of its own
            walked += 1
            keys = _key_of_entry(action)
            if not keys:
                without.append(action.text())
            unbound += [(action.text(), k) for k in keys if k not in bound]
    assert walked > 20
    assert without == [], "a menu entry without a key"
    assert unbound == [], "a key shown in a menu that nothing in the window has"
    clashes = sorted(
        {
            (a[0], a[3], b[3])
            for i, a in enumerate(bindings)
            for b in bindings[i + 1 :]
            if a[0] == b[0] and _meet(a, b)
        }
    )
    assert clashes == [], "two things on one key where both work"
