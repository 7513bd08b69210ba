"""The Statistik section: the caseworker's counts and export, the coordinator's Sammanställning."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.core.usage import UsageRecorder
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.section import PageSection

if TYPE_CHECKING:
    from fkstod.core.files import Protected
    from fkstod.core.usage.local import LocalExports
    from fkstod.ui.statistik.aggregate import AggregatePanel
    from fkstod.ui.statistik.export_dialog import ExportDialog
    from fkstod.ui.statistik.page import StatisticsPage


class StatistikSection(PageSection["StatisticsPage"]):
    """The anonymous counts kept on this computer, their export, and the coordinator's merge."""

    id = "statistik"

    def __init__(
        self,
        usage: UsageRecorder,
        library: FlowLibrary,
        dialogs: Dialogs | None = None,
        exports: LocalExports | None = None,
        protected: Callable[[], Protected] | None = None,
    ) -> None:
        super().__init__()
        self.title = _("Statistik")
        self.usage = usage
        self.library = library
        self.dialogs = dialogs
        self.exports = exports
        self.protected = protected
        self.dialog: ExportDialog | None = None

    def prepare(self) -> bool:
        import fkstod.ui.statistik.page  # noqa: F401  (see Section.prepare)

        return True

    def create(self) -> StatisticsPage:
        from fkstod.ui.statistik.aggregate import AggregatePanel
        from fkstod.ui.statistik.page import StatisticsPage

        panel: AggregatePanel | None = None
        if self.dialogs is not None and self.protected is not None:
            panel = AggregatePanel(self.dialogs, self.library, self.protected)
        page = StatisticsPage(panel)
        page.export_requested.connect(self.export)
        return page

    def shutdown(self) -> None:
        # A merge still running is stopped and its thread waited for.
        if self.page is not None and self.page.aggregate is not None:
            self.page.aggregate.shutdown()  # type: ignore[attr-defined]

    def shown(self) -> None:
        # Counts change while the app runs: read them each time the section is shown.
        self.refresh()

    def refresh(self) -> None:
        """Read the counts and the exported months again and show them."""
        from fkstod.core.usage.summary import exported_text, summarise

        self.build().show_groups(summarise(self.usage.counts()), exported_text(self._exported()))

    def _exported(self) -> dict[str, int]:
        return {} if self.exports is None else self.exports.exported_months()

    def export(self) -> ExportDialog | None:
        """Open "Exportera statistik…" (not modal to the caller: it returns at once)."""
        from fkstod.core.usage.recorder import current_month
        from fkstod.core.usage.summary import months_of
        from fkstod.core.usage.units import shipped_units
        from fkstod.ui.statistik.export_dialog import ExportDialog

        if self.dialogs is None or self.exports is None:
            return None
        months = months_of(self.usage.counts())
        if not months:
            self.dialogs.info(
                _("Exportera statistik"), _("Det finns inga antal att exportera ännu.")
            )
            return None
        if self.dialog is not None:
            # The last one, closed: a child of the window until deleted.
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = ExportDialog(
            months,
            shipped_units(),
            self._exported(),
            self._build_export,
            self._save_export,
            self.dialogs.parent if hasattr(self.dialogs, "parent") else None,
            current=current_month(),
            sent_with_id=self.exports.month_ids(),
            sent_running=self.exports.months_sent_running(),
            clock=current_month,
        )
        # Window-modal and shown: the call returns at once (QDialog.exec would wait).
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.show()
        return self.dialog

    def _build_export(self, months, unit) -> Mapping[str, Any]:
        assert self.exports is not None
        return self.exports.build(months, unit)

    def _save_export(self, document: Mapping[str, Any]) -> bool:
        from fkstod.core.files import FileProblem, Protected
        from fkstod.core.store_health import StoreError
        from fkstod.core.usage.export import ExportNotMarked

        assert self.dialogs is not None and self.exports is not None
        months = document["months"]
        suggested = f"fkstod-statistik-{months[0]}--{months[-1]}.json" if months else ""
        path, _filter = self.dialogs.save_file(
            _("Spara statistikexport"), suggested, _("Statistikexport (*.json)")
        )
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += ".json"
        protected = self.protected() if self.protected is not None else Protected()
        try:
            self.exports.write(Path(path), document, protected)
        except ExportNotMarked as exc:  # the file is there; the months' mark is not
            self.dialogs.error(_("Månaderna antecknades inte"), str(exc))
            self.refresh()
            return True
        except (FileProblem, StoreError) as exc:  # no file written, no month marked
            if not (isinstance(exc, StoreError) and exc.told):
                # (A replaced database file the window says itself, once: Db.on_replaced.)
                self.dialogs.error(_("Exporten sparades inte"), str(exc))
            return False
        self.dialogs.info(
            _("Exportera statistik"),
            _("Exporten är sparad i {path}. Skicka filen till din samordnare.").format(path=path),
        )
        self.refresh()
        return True

    def aggregate(self) -> None:
        """Show Sammanställning and ask for the export files ("Sammanställ exporter…")."""
        page = self.build()
        page.show_aggregate()
        if page.aggregate is not None:
            page.aggregate.choose_files()  # type: ignore[attr-defined]
