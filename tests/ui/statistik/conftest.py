import pytest

from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    for window in real_window(qtbot, data_folder, dialogs, services):
        yield window
        page = window.built_page(window.index_of("statistik"))
        if page is not None and page.aggregate is not None:
            page.aggregate.shutdown()
