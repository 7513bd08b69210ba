"""The Section protocol: what the window does for every section, whatever it is."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from fkstod import app as fkapp
from fkstod.ui.main_window import MainWindow
from fkstod.ui.section import PageSection, Section
from tests.ui.fakes import FakeDialogs


class RecordingSection(PageSection[QLabel]):
    """A section that records what the window asked of it."""

    def __init__(self, section_id: str, answer: bool = True, log: list | None = None) -> None:
        super().__init__()
        self.id = section_id
        self.title = section_id.title()
        self.answer = answer
        self.log = log if log is not None else []

    def create(self) -> QLabel:
        self.log.append(("build", self.id))
        return QLabel(self.id)

    def may_close(self) -> bool:
        self.log.append(("may_close", self.id))
        return self.answer

    def shutdown(self) -> None:
        self.log.append(("shutdown", self.id))

    def shown(self) -> None:
        self.log.append(("shown", self.id))


@pytest.fixture
def services(data_folder):
    # Requested before qtbot, so that the windows close before the database does.
    services, _notice = fkapp.build_services(data_folder)
    yield services
    services.db.close()


@pytest.fixture
def window(qtbot):
    fkapp.make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_every_section_of_the_app_implements_the_protocol(services, qtbot):
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    sections = window.sections()
    assert len(sections) == len(fkapp.SECTIONS)
    assert all(isinstance(s, Section) for s in sections)
    ids = [s.id for s in sections]
    assert ids == ["samtal", "katalog", "orosanmalan", "statistik", "ovning"]
    assert all(i.isascii() and i.isidentifier() for i in ids)


def test_a_page_is_built_once_when_first_shown_and_told_each_time(window):
    log: list = []
    window.add_section(RecordingSection("one", log=log))
    window.add_section(RecordingSection("two", log=log))
    window.show_section(1)
    window.show_section(0)
    window.show_section(1)
    assert log == [
        ("build", "two"),
        ("shown", "two"),
        ("build", "one"),
        ("shown", "one"),
        ("shown", "two"),
    ]


def test_closing_asks_only_built_sections_and_a_no_keeps_the_window_open(qtbot, window):
    log: list = []
    window.add_section(RecordingSection("one", answer=False, log=log))
    window.add_section(RecordingSection("two", log=log))
    window.show()
    window.show_section(0)
    log.clear()
    window.close()
    assert log == [("may_close", "one")]
    assert window.isVisible()


def test_closing_shuts_down_the_built_sections(qtbot, window):
    log: list = []
    window.add_section(RecordingSection("one", log=log))
    window.add_section(RecordingSection("two", log=log))
    window.add_section(RecordingSection("three", log=log))
    window.show()
    window.show_section(2)
    window.show_section(0)
    log.clear()
    window.close()
    assert log == [
        ("may_close", "one"),
        ("may_close", "three"),
        ("shutdown", "one"),
        ("shutdown", "three"),
    ]
    assert not window.isVisible()


@pytest.mark.parametrize(
    "stored, expected",
    [
        ("orosanmalan", 2),
        ("statistik", 3),
        (2, 2),  # an older version stored the position: an upgrade lands on the same section
        (1, 1),
        ("no-such-section", 0),
        (9, 0),
        (-1, 0),
        (True, 0),
        (None, 0),
    ],
)
def test_the_remembered_section_is_found_by_id_or_by_an_old_position(
    services, qtbot, stored, expected
):
    if stored is not None:
        services.settings.set(fkapp.SECTION_KEY, stored)
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    assert window.current_section() == expected


def test_the_section_shown_is_remembered_by_id(services, qtbot):
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    window.show_section(3)
    window.close()
    assert services.settings.get(fkapp.SECTION_KEY) == "statistik"
