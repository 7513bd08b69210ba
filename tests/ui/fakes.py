"""A stand-in for the fkstod.ui.dialogs.Dialogs protocol that records instead of showing."""

from __future__ import annotations


class FakeDialogs:
    """Records every message; answers ``confirm`` with ``answer``.

    Attributes:
        shown: every call as (kind, title, text), in order.
        errors, infos, confirms: the (title, text) of each kind.
        path: the answer to every file and folder question ("" is cancel).
        printer: the answer to ``choose_printer`` (None is cancel).
        asked: the titles of the file, folder and printer questions, in order.
    """

    def __init__(self, answer: bool = True, path: str = "", printer=None) -> None:
        self.answer = answer
        self.path = path
        self.paths: list[str] = []
        self.printer = printer
        self.asked: list[str] = []
        self.parent = None
        self.shown: list[tuple[str, str, str]] = []
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[tuple[str, str]] = []
        #: The answer to ``choose``, and each question ``choose`` asked (title, text, choices).
        self.choice = 0
        self.chosen: list[tuple[str, str, tuple[str, ...]]] = []

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))
        self.infos.append((title, text))

    def error(self, title: str, text: str) -> None:
        self.shown.append(("error", title, text))
        self.errors.append((title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        self.confirms.append((title, text))
        return self.answer

    def choose(self, title: str, text: str, choices) -> int:
        """Answer with ``choice`` (an index into ``choices``; -1 is Esc)."""
        self.shown.append(("choose", title, text))
        self.chosen.append((title, text, tuple(choices)))
        return self.choice

    def confirm_titles(self) -> list[str]:
        """Return the titles of the questions asked."""
        return [title for title, _text in self.confirms]

    def open_file(self, title: str, filters: str) -> str:
        self.asked.append(title)
        return self.path

    def open_files(self, title: str, filters: str) -> list[str]:
        """Answer with ``paths`` when set, else ``path`` alone ([] when both are empty)."""
        self.asked.append(title)
        return list(self.paths) if self.paths else ([self.path] if self.path else [])

    def choose_folder(self, title: str) -> str:
        self.asked.append(title)
        return self.path

    def save_file(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        self.asked.append(title)
        return self.path, ""

    def save_private(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        self.asked.append(title)
        return self.path, ""

    def choose_printer(self):
        self.asked.append("printer")
        return self.printer


def real_window(qtbot, data_folder, dialogs=None, services=None, *, shutdown=False):
    """Yield the real main window on ``data_folder``, shown and active; close it afterwards.

    For a fixture: ``yield from real_window(qtbot, data_folder)``. With ``services``
    (a test that reads the database too) the window uses them, and the caller closes them.
    ``shutdown``: every section built is shut down first (the presenter's windows, a
    training session), as closing the app does.
    """
    from fkstod import app as fkapp

    fkapp.make_application()
    own = services is None
    if own:
        services, _notice = fkapp.build_services(data_folder)
    window = fkapp.build_window(services, dialogs if dialogs is not None else FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    if shutdown:
        for section in window.built_sections():
            section.shutdown()
    close_window(window)
    if own:
        services.db.close()


def close_window(window) -> None:
    """Close and delete ``window`` now, before the database it writes to is closed.

    A hidden window's field still loses its focus when the next test's window is
    activated, and would save (the reporter's details) into a closed database.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    focused = window.focusWidget()
    if focused is not None:
        focused.clearFocus()  # a field saves as it loses focus: let it, while it may
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
