"""The Statistik section: the counts, read again each time the section is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.core.usage import UsageRecorder
from fkstod.ui.section import PageSection

if TYPE_CHECKING:
    from fkstod.ui.statistik.page import StatisticsPage


class StatistikSection(PageSection["StatisticsPage"]):
    """The anonymous counts kept on this computer."""

    id = "statistik"

    def __init__(self, usage: UsageRecorder, library: FlowLibrary) -> None:
        super().__init__()
        self.title = _("Statistik")
        self.usage = usage
        self.library = library

    def prepare(self) -> bool:
        import fkstod.ui.statistik.page  # noqa: F401  (see Section.prepare)

        return True

    def create(self) -> StatisticsPage:
        from fkstod.ui.statistik.page import StatisticsPage

        return StatisticsPage()

    def shown(self) -> None:
        # Counts change while the app runs: read them each time the section is shown.
        from fkstod.core.usage.present import describe

        titles = {flow.id: flow.title for flow in self.library.flows.values()}
        self.build().show_rows(describe(self.usage.counts(), titles))
