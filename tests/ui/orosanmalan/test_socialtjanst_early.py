"""An orosanmälan started from a call names the kommun's socialtjänst without reading the directory.

Soon after a start the directory is still read in slices (seconds at 100 000
entries). A report started then (Samtalsstöd's summary, Alt+R, with a kommun)
names "Socialtjänsten: …" at once, from the store, and leaves the load to its
slices: nothing is read in one go on the way.
"""

from __future__ import annotations

import pytest

from fkstod import app as fkapp
from fkstod.core.directory import Directory
from fkstod.ui.orosanmalan.section import OrosanmalanSection
from fkstod.ui.samtal.section import SamtalSection
from tests.benchmarks.data import fill_data_folder
from tests.ui.fakes import FakeDialogs, real_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def stored(data_folder):
    """The app's services on a data folder of 3000 local entries (bench data, many kommuner)."""
    fill_data_folder(data_folder, 3000)
    services, _notice = fkapp.build_services(data_folder)
    yield services
    services.db.close()


@pytest.fixture
def window(qtbot, data_folder, stored):
    yield from real_window(qtbot, data_folder, FakeDialogs(), stored)


def test_a_report_from_a_call_names_the_socialtjanst_while_the_directory_loads(
    window, stored
) -> None:
    loaded = Directory(stored.db)  # what the directory will say once read
    expected = loaded.socialtjanst_for("1280")
    assert expected is not None  # the bench data has social services in Malmö
    samtal = window.show_section_id(SamtalSection.id)
    assert isinstance(samtal, SamtalSection)
    samtal.build().orosanmalan_requested.emit("sjukpenning", "1280")  # the summary's Alt+R
    section = window.show_section_id(OrosanmalanSection.id)
    assert isinstance(section, OrosanmalanSection)
    named = section.build().form.socialtjanst.text()
    assert f"{expected.title}, {expected.telefon}" in named
    assert not stored.directory_loader.done  # named from the store: nothing loaded at once
