"""A stand-in for fkstod.ui.dialogs.Dialogs that records instead of showing."""

from __future__ import annotations


class FakeDialogs:
    """Records every message; answers ``confirm`` with ``answer``.

    Attributes:
        shown: every call as (kind, title, text), in order.
        errors, infos, confirms: the (title, text) of each kind.
    """

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.parent = None
        self.shown: list[tuple[str, str, str]] = []
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[tuple[str, str]] = []

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

    def confirm_titles(self) -> list[str]:
        """Return the titles of the questions asked."""
        return [title for title, _text in self.confirms]
