"""The Section protocol: all the window knows of a section.

A section is one package under ``fkstod/ui/`` with a page and its widgets, and
one class implementing this protocol. ``fkstod/app.py`` lists the sections
(``SECTIONS``); the window shows them in that order, builds each page when it
is first needed (or, while the app is idle, after ``prepare`` has imported what it
needs on a turn of its own), asks each built one before the window closes, shuts them
down when it closes, and tells one when it is shown. The remembered section
is stored by ``id``, so adding or moving a section never changes where the
next start lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtWidgets import QWidget

from fkstod.core.usage import UsageRecorder


@runtime_checkable
class Section(Protocol):
    """One section of the window.

    Attributes:
        id: a stable ASCII name, stored in the settings (``"samtal"``).
        title: the name in the section list and the Visa menu, in Swedish.
    """

    id: str
    title: str

    def prepare(self) -> bool:
        """Do the next piece of what ``build`` needs (imports, templates); True when done.

        While the app is idle the window calls it once per turn of the event loop
        until it returns True, then builds the page on the next turn: no piece of
        work after the first paint may block the window for 50 ms.
        """
        ...

    def build(self) -> QWidget:
        """Build the page (called once, when the section is first needed)."""
        ...

    def may_close(self) -> bool:
        """Return True if the window may close now (asked only of built sections)."""
        ...

    def shutdown(self) -> None:
        """Finish what must be finished: the window is closing (built sections only)."""
        ...

    def shown(self) -> None:
        """React to the section being shown (for example, read fresh counts)."""
        ...


PageT = TypeVar("PageT", bound=QWidget)


class PageSection(Generic[PageT]):
    """A Section that builds its page once and has nothing to ask or finish.

    Subclasses set ``id`` and ``title``, implement ``create()`` and override
    what they need.
    """

    id: str = ""
    title: str = ""

    def __init__(self) -> None:
        self.page: PageT | None = None

    def create(self) -> PageT:
        """Return a new page; wire its signals here."""
        raise NotImplementedError

    def prepare(self) -> bool:
        return True

    def build(self) -> PageT:
        if self.page is None:
            self.page = self.create()
        return self.page

    def may_close(self) -> bool:
        return True

    def shutdown(self) -> None:
        return None

    def shown(self) -> None:
        return None


@dataclass(frozen=True)
class Call:
    """The open call a request comes from, and how what it starts is counted.

    Attributes:
        flow: the call's flow id.
        benefit: the benefit code it runs under.
        usage: the call's own recorder (``UsageRecorder.for_call``): training or not
            as the call was from its start, whatever the mode is when something it
            started (a number copied, a report written) is counted. None counts nothing.
    """

    flow: str
    benefit: str
    usage: UsageRecorder | None


class Intents(Protocol):
    """What a section may ask of the others, through ``app.py`` (sections never import each other)."""

    def show_directory(self, category: str, kommun: str = "", call: Call | None = None) -> None:
        """Show the support directory filtered by a category and a kommun code.

        ``call``: the open call when a flow's step asked; what is copied then is
        counted as support offered in it, through its recorder.
        """
        ...

    def start_orosanmalan(self, benefit: str, kommun: str = "", call: Call | None = None) -> None:
        """Show the report section with a new report for a benefit and a kommun code.

        ``call``: the call the report is written from; the report is counted through
        its recorder, and marked as an exercise when the call was one.
        """
        ...

    def set_compact(self, compact: bool, section_id: str) -> None:
        """Make the window narrow and on top showing the section, or normal again."""
        ...

    def forget_call(self) -> None:
        """A new conversation: the other sections forget what the last call set in them."""
        ...
