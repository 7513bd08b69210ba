"""Hjälp → Kortkommandon (F1): every key of the window, read from the window itself.

The list is made from the window's QActions and QShortcuts when it is opened,
so a key added anywhere is listed without anyone remembering to write it down.
What a key does comes from the action's text, or for a QShortcut from its
"What's this" text, the button it belongs to, or a button or tooltip near it
that names the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.i18n import _


@dataclass(frozen=True)
class Key:
    """One key of the window: where it works, the key as shown, and what it does."""

    where: str
    keys: str
    what: str


def key_text(sequence: QKeySequence) -> str:
    """Return a key as a Swedish caseworker reads it: "Ctrl+Skift+K", "Alt+Vänsterpil"."""
    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    for english, swedish in (
        ("Shift", _("Skift")),
        ("Left", _("Vänsterpil")),
        ("Right", _("Högerpil")),
        ("Vänster", _("Vänsterpil")),  # what qtbase_sv calls them
        ("Höger", _("Högerpil")),
        ("Del", _("Delete")),
        ("Esc", _("Esc")),
        ("Return", _("Enter")),  # as the buttons and hints say: "Fortsätt (Enter)"
        ("Enter", _("Enter")),  # the keypad's
    ):
        text = re.sub(rf"\b{english}\b", swedish, text)
    return text


def _clean(text: str) -> str:
    # "&Nytt samtal (Ctrl+N)" → "Nytt samtal"; "Kompakt läge\tCtrl+Skift+K" → "Kompakt läge"
    text = text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).rstrip("…").strip()


def _names_key(widget: QWidget, sequence: QKeySequence) -> bool:
    wanted = {
        sequence.toString(),
        sequence.toString(QKeySequence.SequenceFormat.NativeText),
        sequence.toString().replace("Shift", "Skift"),
        key_text(sequence),
    }
    texts = [widget.toolTip(), widget.accessibleDescription()]
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())  # "Sök på namn … (Ctrl+F)"
    return any(w and w in t for w in wanted for t in texts)


def describe_shortcut(shortcut: QShortcut) -> str:
    """Return what a QShortcut does, in words, from what is around it."""
    if shortcut.whatsThis():
        return shortcut.whatsThis()
    parent = shortcut.parent()
    if isinstance(parent, QAbstractButton):
        return parent.accessibleName() or _clean(parent.text())
    if isinstance(parent, QWidget):
        sequence = shortcut.key()
        for widget in (parent, *parent.findChildren(QWidget)):
            if _names_key(widget, sequence):
                if isinstance(widget, QAbstractButton):
                    return widget.accessibleName() or _clean(widget.text())
                return widget.accessibleName() or _clean(widget.toolTip())
        return parent.accessibleName()
    return ""


def window_keys(window: QMainWindow, sections: list[tuple[str, QWidget]]) -> list[Key]:
    """Return every key of ``window``: its actions and shortcuts, by where they work.

    Args:
        sections: (title, page) of each built section; a key inside a page works there.
    """
    everywhere = _("Hela fönstret")
    found: dict[tuple[str, str], Key] = {}
    for _title, page in sections:
        if getattr(page, "unfinished", False):
            page.finish()  # type: ignore[attr-defined]  (a page made in part: its keys too)

    def where(owner: object) -> str:
        if isinstance(owner, QWidget):
            for title, page in sections:
                if page is owner or page.isAncestorOf(owner):
                    return title
        return everywhere

    def elsewhere(owner: object) -> bool:
        # A dialog the window once opened stays its child when closed; its keys work
        # only while it is open, and its own buttons name them ("Spara… (Ctrl+S)").
        return isinstance(owner, QWidget) and owner.window() is not window

    for action in window.findChildren(QAction):
        owner = action.parent()
        if elsewhere(owner):
            continue
        for sequence in action.shortcuts():
            if sequence.isEmpty():
                continue
            key = Key(where(owner), key_text(sequence), _clean(action.text()))
            found.setdefault((key.where, key.keys), key)
    for shortcut in window.findChildren(QShortcut):
        if shortcut.key().isEmpty() or not shortcut.isEnabled() or elsewhere(shortcut.parent()):
            continue
        key = Key(where(shortcut.parent()), key_text(shortcut.key()), describe_shortcut(shortcut))
        found.setdefault((key.where, key.keys), key)
    # Keys of windows a page opens (the presenter's): the page gives them, as (where, keys, what).
    others: list[str] = []
    for title, page in sections:
        given = getattr(page, "keys_of_other_windows", None)
        for place, keys, what in given() if callable(given) else ():
            key = Key(f"{title}: {place}", keys, what)
            found.setdefault((key.where, key.keys), key)
            if key.where not in others:
                others.append(key.where)
    order = [everywhere] + [title for title, _page in sections] + others
    return sorted(found.values(), key=lambda k: (order.index(k.where), k.keys))


def keys_as_text(keys: list[Key]) -> str:
    """Return the keys as plain text, a heading per place."""
    lines: list[str] = []
    place = None
    width = max((len(k.keys) for k in keys), default=0) + 2
    for key in keys:
        if key.where != place:
            if lines:
                lines.append("")
            lines += [key.where, "-" * len(key.where)]
            place = key.where
        lines.append(f"{key.keys.ljust(width)}{key.what}")
    lines += [
        "",
        _("Dessutom"),
        "-" * len(_("Dessutom")),
        _("Alt + understruken bokstav väljer knappen eller fältet med den bokstaven."),
        _("I ett steg i Samtalsstöd: 1–9 väljer svaret (eller bockar för en punkt),"),
        _("Enter går vidare, Backsteg går tillbaka ett steg, Page Down och Page Up bläddrar."),
        _("Alt+1, Alt+2 … öppnar stödkatalogen från knapparna i steget."),
        _("Tabb och Skift+Tabb går mellan fälten; Mellanslag trycker på en knapp."),
    ]
    return "\n".join(lines)


class ShortcutsDialog(QDialog):
    """The list of keys as plain text the caseworker can scroll and search with the keyboard."""

    def __init__(self, keys: list[Key], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Kortkommandon"))
        self.setAccessibleName(_("Kortkommandon"))
        self.text = QPlainTextEdit(keys_as_text(keys))
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setAccessibleName(_("Alla kortkommandon"))
        font = self.text.font()
        font.setFamily("monospace")
        self.text.setFont(font)
        metrics = self.text.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.lineSpacing() * 30)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The keys scroll the list (Page Down, Ctrl+End); Esc closes.
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
