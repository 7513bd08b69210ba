"""The Samtalsstöd section: its page, what it asks before closing, and its jump keys."""

from __future__ import annotations

from collections.abc import Sequence

from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.core.kommuner import Kommun
from fkstod.core.usage import UsageRecorder
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.samtal.jump_bar import JUMP_KEYS
from fkstod.ui.samtal.page import FlowPage
from fkstod.ui.section import Call, Intents, PageSection


class SamtalSection(PageSection[FlowPage]):
    """The call support: a flow, step by step, with its neutral note."""

    id = "samtal"

    def __init__(
        self,
        library: FlowLibrary,
        usage: UsageRecorder | None,
        dialogs: Dialogs,
        kommuner: Sequence[Kommun],
        intents: Intents,
    ) -> None:
        super().__init__()
        self.title = _("Samtalsstöd")
        self.library = library
        self.usage = usage
        self.dialogs = dialogs
        self.kommuner = kommuner
        self.intents = intents

    def create(self) -> FlowPage:
        page = FlowPage(self.library, self.usage, self.dialogs, self.kommuner)
        page.compact_changed.connect(lambda on: self.intents.set_compact(on, self.id))
        page.directory_requested.connect(
            lambda category, kommun: self.intents.show_directory(category, kommun, self._call(page))
        )
        page.orosanmalan_requested.connect(
            lambda benefit, kommun: self.intents.start_orosanmalan(
                benefit, kommun, self._call(page)
            )
        )
        page.conversation_ended.connect(self.intents.forget_call)
        return page

    @staticmethod
    def _call(page: FlowPage) -> Call | None:
        # The open call: what a number copied or a report written next is counted under,
        # and through its own recorder (a demonstration stays one after the mode is off).
        s = page.session
        return Call(s.flow_id, s.benefit, s.usage) if s is not None else None

    def may_close(self) -> bool:
        # An edited note is never thrown away without asking.
        return self.page is None or self.page.may_discard_note()

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()  # a flow still open counts as abandoned

    def jump_keys(self) -> list[tuple[str, str, str]]:
        """Return (keys, title, flow id) for each jump flow in the library."""
        return [
            (keys, self.library.flows[flow_id].title, flow_id)
            for flow_id, keys in JUMP_KEYS.items()
            if flow_id in self.library.flows
        ]

    def jump(self, flow_id: str) -> None:
        """Start a jump flow (Akut fara and the like) in the page."""
        self.build().jump(flow_id)

    def new_call(self) -> None:
        """Samtal → Nytt samtal: the page's Ctrl+N (asking first if a flow is open)."""
        self.build().new_call()

    def toggle_compact(self) -> None:
        """Samtal → Kompakt läge: the same as the page's button (Ctrl+Shift+K)."""
        self.build().compact_button.toggle()
