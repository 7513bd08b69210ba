import pytest

import fkstod.app as fkapp
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(data_folder):
    services, notice = fkapp.build_services(data_folder)
    assert notice is None
    yield services
    services.db.close()


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def window(qtbot, services, dialogs):
    fkapp.make_application()
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    page = window.built_page(window.index_of("statistik"))
    if page is not None and page.aggregate is not None:
        page.aggregate.shutdown()
