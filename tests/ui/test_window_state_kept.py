"""The window's size, place and section are kept while it runs, not only when it closes.

A caseworker keeps fkstod open all day, every day. The window that ends without
its close (kill -9, a crash, a logout that ends the session, power gone) must
still come back as it was left: the size and place a moment after it last moved,
the section a moment after it was chosen. The call itself is never kept.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray

from fkstod import app as fkapp
from fkstod.core.flows.session import FlowSession
from tests.ui.fakes import FakeDialogs, close_window, real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, data_folder, services):
    yield from real_window(qtbot, data_folder, services=services)


def _remembered(services) -> tuple[QByteArray | None, object]:
    geometry = services.settings.get(fkapp.GEOMETRY_KEY)
    raw = QByteArray.fromBase64(geometry.encode("ascii")) if isinstance(geometry, str) else None
    return raw, services.settings.get(fkapp.SECTION_KEY)


def _sizes(window) -> tuple[tuple[int, int], tuple[int, int]]:
    """Two sizes the screen (offscreen: 800×600) holds with its title bar, at least the least."""
    free = window.screen().availableGeometry()
    w = max(window.minimumWidth(), free.width() - 120)
    h = max(window.minimumHeight(), free.height() - 160)
    return (w, h), (w + 40, h + 40)


def test_size_place_and_section_are_kept_before_the_window_closes(qtbot, window, services):
    (w, h), _larger = _sizes(window)
    window.resize(w, h)
    window.move(40, 30)
    window.show_section_id("statistik")
    # Never closed: what a kill -9 finds in the database is what the next start gets.
    qtbot.waitUntil(lambda: services.settings.get(fkapp.SECTION_KEY) == "statistik", timeout=5000)
    qtbot.waitUntil(lambda: _remembered(services)[0] is not None, timeout=5000)
    again = fkapp.build_window(services, FakeDialogs())
    try:
        assert (again.width(), again.height()) == (w, h)
        assert again.current_section_id() == "statistik"
    finally:
        close_window(again)


def test_a_later_move_replaces_the_size_kept(qtbot, window, services):
    first, later = _sizes(window)
    window.resize(*first)
    qtbot.waitUntil(lambda: _remembered(services)[0] is not None, timeout=5000)
    window.resize(*later)

    def kept_is_1000() -> bool:
        again = fkapp.build_window(services, FakeDialogs())
        size = (again.width(), again.height())
        close_window(again)
        return size == later

    qtbot.waitUntil(kept_is_1000, timeout=5000)


def test_a_call_under_way_is_not_kept_with_the_window(qtbot, window, services):
    page = window.page(window.index_of("samtal"))
    page.start("sjukpenning-fraga", "sjukpenning")
    assert isinstance(page.session, FlowSession)
    window.resize(900, 600)
    qtbot.waitUntil(lambda: _remembered(services)[0] is not None, timeout=5000)
    keys = {row[0] for row in services.db.execute("SELECT key FROM settings")}
    assert keys <= {fkapp.GEOMETRY_KEY, fkapp.SECTION_KEY, fkapp.TEXT_SCALE_KEY}, keys


def test_a_closed_window_laid_out_again_keeps_nothing(qtbot, data_folder, services):
    # Closed, its database closed next: a text size set after the close lays the
    # window out again, and nothing may be written for it (the database is gone).
    from fkstod.qt.text_scale import apply_text_scale

    window = fkapp.build_window(services, FakeDialogs())
    window.show()
    qtbot.waitExposed(window)
    saved = []
    window.closing.connect(lambda: saved.append("close"))
    window.close()
    services.settings.set(fkapp.SECTION_KEY, "kept at close")
    try:
        apply_text_scale(1.5)
        window.resize(window.width() + 30, window.height())
        qtbot.wait(1500)  # past the keeper's second
        assert services.settings.get(fkapp.SECTION_KEY) == "kept at close"
    finally:
        apply_text_scale(1.0)
        close_window(window)
    assert saved == ["close"]
