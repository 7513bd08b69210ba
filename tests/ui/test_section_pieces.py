"""While the app is idle, a section is prepared and built a piece per turn of the event loop."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from fkstod.ui.main_window import MainWindow
from fkstod.ui.section import PageSection

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Pieces(PageSection[QLabel]):
    def __init__(self, name: str, pieces: int, log: list[str]) -> None:
        super().__init__()
        self.id = self.title = name
        self.left, self.log = pieces, log

    def prepare(self) -> bool:
        self.left -= 1
        self.log.append(f"{self.id}:prepare")
        return self.left <= 0

    def create(self) -> QLabel:
        self.log.append(f"{self.id}:build")
        return QLabel(self.id)


def test_each_piece_of_a_deferred_section_runs_on_a_turn_of_its_own(qtbot):
    log: list[str] = []
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_section(Pieces("ett", 1, log))
    window.add_section(Pieces("tva", 3, log))
    window.show_section(0)  # shown first: built at once, never prepared
    assert log == ["ett:build"]
    for expected in (2, 3, 4, 5, 5):  # each call (a turn of the loop) does one piece
        window.build_pending_sections()
        assert len(log) == expected
    assert log == ["ett:build", "tva:prepare", "tva:prepare", "tva:prepare", "tva:build"]
    qtbot.waitUntil(lambda: window.built_page(1) is not None)


def test_the_report_section_is_prepared_in_pieces_before_its_build(qtbot):
    from fkstod.ui.orosanmalan.section import OrosanmalanSection

    section = OrosanmalanSection(None, None, None, None, None, None)  # type: ignore[arg-type]
    assert [section.prepare() for _ in range(3)] == [False, False, True]
    assert section.prepare() is True  # and stays prepared


class Loading(PageSection[QLabel]):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.id = self.title = name

    def create(self) -> QLabel:
        label = QLabel(self.id)
        label.loading = True  # type: ignore[attr-defined]  (reads its data in slices)
        return label


def test_no_page_is_built_while_a_built_page_still_loads_its_data(qtbot):
    log: list[str] = []
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_section(Loading("katalog"))
    window.add_section(Pieces("nasta", 1, log))
    window.show_section(0)
    window.build_pending_sections()
    qtbot.wait(100)
    assert window.built_page(1) is None and log == []
    window.built_page(0).loading = False  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.built_page(1) is not None)
    window.show_section(1)


def test_a_page_whose_data_could_not_be_read_does_not_hold_up_the_others(qtbot):
    """Stödkatalog after a failed read stays "loading" for good: the idle build goes on."""
    log: list[str] = []
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_section(Loading("katalog"))
    window.add_section(Pieces("nasta", 1, log))
    window.show_section(0)
    window.built_page(0).failed = True  # type: ignore[union-attr]  (as DirectoryLoading.failed)
    window.build_pending_sections()
    qtbot.waitUntil(lambda: window.built_page(1) is not None, timeout=2000)
    assert log == ["nasta:prepare", "nasta:build"]
