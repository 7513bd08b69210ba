""" "Öppet nu" and "stängt nu" kept true while the directory page stays open all day.

A row's open state is true at the minute of its search. The caseworker keeps the
page open for hours: at 15:58 the jour is "öppet nu", after a call past 16:00 it
is not, and a list filtered on "Öppet nu" must lose it. The page searches again
when the clock has changed what its rows say (checked every
``OPEN_STATE_RENEW_MS`` while shown, and when the page is shown again), and
keeps the row being read as the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent

from fkstod.core.directory import Filters

if TYPE_CHECKING:
    from fkstod.core.directory import Directory

#: How often the open state shown is checked against the clock while the page is shown.
OPEN_STATE_RENEW_MS = 30_000


class DirectoryOpenRenewal:
    """The search's query, and its renewal as the clock moves on (a mixin, no widget)."""

    directory: Directory | None
    clock: Callable[[], datetime]
    _shown_at: tuple[date, frozenset[str], tuple[str, ...]] | None = None

    # Provided by DirectoryPage.
    search_box: Any
    kommun: Any
    need: Any
    lan: Any
    group: Any
    form: Any
    language: Any
    open_now: Any
    around_the_clock: Any
    results: Any
    loading: bool

    def start_open_state_renewal(self) -> None:
        """Check the rows against the clock every ``OPEN_STATE_RENEW_MS`` (the page's timer).

        Only while the page is shown: hidden behind another section all day, or with
        its window minimized over lunch, it rests (``hideEvent``); shown again, by its
        section or its window restored, it renews at once (``showEvent``).
        """
        self.open_state_timer = QTimer(self)  # type: ignore[arg-type]
        self.open_state_timer.setInterval(OPEN_STATE_RENEW_MS)
        self.open_state_timer.timeout.connect(self.renew_open_state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        self.open_state_timer.start()
        self.renew_open_state()  # back after lunch: "öppet nu" as of now

    def hideEvent(self, event: QHideEvent) -> None:
        self.open_state_timer.stop()
        super().hideEvent(event)  # type: ignore[misc]

    def remember_shown(self, now: datetime, result) -> None:
        """Note what the rows shown say at ``now`` (None: no rows, nothing to renew)."""
        self._shown_at = (
            None
            if result is None
            else (now.date(), result.open_ids, tuple(e.id for e in result.entries))
        )

    def _search(self, now: datetime):
        assert self.directory is not None
        need = self.need.currentData()
        return self.directory.search(
            self.search_box.text(),
            kommun=self.kommun.code(),
            needs=(need,) if need else (),
            filters=Filters(
                lan=self.lan.currentData() or "",
                malgrupp=self.group.currentData() or "",
                valdsform=self.form.currentData() or "",
                sprak=self.language.currentData() or "",
                open_now=self.open_now.isChecked(),
                around_the_clock=self.around_the_clock.isChecked(),
            ),
            now=now,
        )

    def renew_open_state(self) -> None:
        """Search again if the clock has changed what the rows say is open (or which rows).

        The row being read stays the current one; nothing is made again while the
        clock changes nothing (every ``OPEN_STATE_RENEW_MS`` while shown, and when shown).
        """
        if self._shown_at is None or self.directory is None or self.loading:
            return
        if not self.isVisible():  # type: ignore[attr-defined]
            return
        now = self.clock()
        result = self._search(now)
        if (now.date(), result.open_ids, tuple(e.id for e in result.entries)) == self._shown_at:
            return
        reading = self.results.entry_id(self.results.currentRow())
        self.run_search()  # type: ignore[attr-defined]
        for row in range(self.results.count()):
            if reading and self.results.entry_id(row) == reading:
                self.results.setCurrentRow(row)
                break
