"""A data folder the caseworker may not write to: the window starts, says once what is
not saved, every save says it cannot, and nothing is written anywhere."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fkstod import app
from fkstod.core.settings import Settings
from fkstod.core.store import ReadOnlyError
from tests.ui.fakes import FakeDialogs
from tests.ui.test_start_states import started  # noqa: F401 (a fixture)
from tests.unwritable import contents, unwritable

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ENTRY = {
    "organisation": "Tjejjouren Testby",
    "kategori": "kvinnor",
    "telefon": "040-628 04 09",
    "senast_verifierad": "2026-11-01",
}


def filled(folder: Path) -> None:
    """Give ``folder`` a database with a local entry and a setting, as a day's work leaves it."""
    services, _notice = app.build_services(folder)
    Settings(services.db).set(app.TEXT_SCALE_KEY, 1.25)
    assert not isinstance(services.directory.save(ENTRY), list)
    services.db.close()


def assert_told_once(dialogs: FakeDialogs, folder: Path) -> None:
    assert dialogs.errors == []
    ((title, text),) = dialogs.infos
    assert title == "fkstod kan inte spara just nu"
    assert str(folder) in text and "IT-supporten" in text
    for words in ("antal", "inställningar", "stödkatalogens egna poster"):
        assert words in text
    assert "--data-dir" not in text


@pytest.mark.usefixtures("started")
def test_a_read_only_folder_with_a_database_starts_and_says_once_what_is_not_saved(
    data_folder, monkeypatch
):
    filled(data_folder)
    before = contents(data_folder)
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    with unwritable(data_folder):
        assert app.run_gui(data_dir=str(data_folder), exit_when_ready=True) == 0
        assert contents(data_folder) == before  # no -wal, -shm, mark, flows.cache
    assert_told_once(dialogs, data_folder)
    assert "redan fanns sparat" in dialogs.infos[0][1]


@pytest.mark.usefixtures("started")
def test_a_data_folder_that_cannot_be_made_starts_the_window_in_memory(tmp_path, monkeypatch):
    # Root cannot make a folder inside a file either: this runs the path for real.
    blocker = tmp_path / "profil"
    blocker.write_text("en fil, inte en mapp", encoding="utf-8")
    folder = blocker / "fkstod"
    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    assert app.run_gui(data_dir=str(folder), exit_when_ready=True) == 0
    assert_told_once(dialogs, folder)
    assert "går inte att skapa" in dialogs.infos[0][1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profil"]


def test_the_window_on_a_read_only_folder_has_its_flows_directory_and_settings(
    data_folder, qtbot, monkeypatch
):
    filled(data_folder)
    before = contents(data_folder)
    with unwritable(data_folder):
        services, notice = app.build_services(data_folder)
        assert not services.writable and notice
        dialogs = FakeDialogs()
        window = app.build_window(services, dialogs)
        qtbot.addWidget(window)
        window.ready.emit()  # what the first paint starts: the flows' cache is not written
        qtbot.wait(20)
        assert window.text_scale == 1.25  # the settings, read
        directory = services.directory
        assert [e.organisation for e in directory.local_entries()] == [ENTRY["organisation"]]
        assert any(e.national for e in directory.entries())  # the national lines
        window.close()  # its size and section: quietly not kept
        assert contents(data_folder) == before


def test_every_save_says_plainly_that_it_cannot_save(data_folder, qtbot, monkeypatch, capsys):
    from fkstod.ui.orosanmalan.section import OrosanmalanSection

    with unwritable(data_folder):
        services, _notice = app.build_services(data_folder)
        dialogs = FakeDialogs(path=str(data_folder.parent / "export.json"))
        window = app.build_window(services, dialogs)
        qtbot.addWidget(window)
        monkeypatch.setattr(sys, "excepthook", sys.excepthook)
        app.install_excepthook(dialogs)

        # The entry editor's Spara: the window's hook says it, the editor keeps the text.
        try:
            services.directory.save(ENTRY)
        except ReadOnlyError:
            sys.excepthook(*sys.exc_info())
        ((title, text),) = dialogs.errors
        assert title == "Det gick inte att spara"
        assert "ingenting av ändringen har sparats" in text and str(data_folder) in text

        # The reporter's own details (a setting): said the first time, not at every field.
        section = next(s for s in window.sections() if isinstance(s, OrosanmalanSection))
        section._keep_reporter({"namn": "Handläggare"})
        section._keep_reporter({"namn": "Handläggare A"})
        assert [t for t, _x in dialogs.infos] == ["Dina uppgifter sparas inte"]

        # Exportera statistik: the months cannot be marked, so no file is written.
        from fkstod.ui.statistik.section import StatistikSection

        statistik = next(s for s in window.sections() if isinstance(s, StatistikSection))
        document = statistik.exports.build([], None) if statistik.exports else None
        assert document is not None
        assert statistik._save_export(document) is False
        assert dialogs.errors[-1][0] == "Exporten sparades inte"
        assert not (data_folder.parent / "export.json").exists()

        # Counts and the window's size: dropped without a word, not even on stderr.
        assert services.usage.record("referral_shown", category="akut") is None
        window.close()  # the window's size and place
        assert "sparas" not in capsys.readouterr().err
        assert contents(data_folder) == {}


LISTENER = """
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from fkstod.qt.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))  # no claim: a window on a read-only folder
instance.listen()
instance.activation_requested.connect(lambda: print("asked activate", flush=True))
print("listening", flush=True)
app.exec()
"""


def test_a_second_start_on_a_read_only_folder_brings_the_first_window_forward(
    data_folder, qapp, monkeypatch
):
    # The first window holds no lock (it could not make the lock file, and writes
    # nothing); its socket, outside the folder, is how a second start finds it.
    import os
    import subprocess

    from tests.conftest import REPO

    dialogs = FakeDialogs()
    monkeypatch.setattr(app, "QtDialogs", lambda: dialogs)
    with unwritable(data_folder):
        first = subprocess.Popen(
            [sys.executable, "-c", LISTENER, str(data_folder)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        )
        try:
            assert first.stdout.readline().strip() == "listening"
            assert app.run_gui(data_dir=str(data_folder)) == 0
            assert first.stdout.readline().strip() == "asked activate"
        finally:
            first.kill()
            first.wait()
            first.stdout.close()
        assert contents(data_folder) == {}
    assert dialogs.shown == []  # the first window already said what is not saved


def test_the_report_does_not_promise_to_keep_the_reporters_details(data_folder, qtbot):
    # "Du som anmäler (sparas till nästa gång)" is untrue when nothing can be saved.
    with unwritable(data_folder):
        services, _notice = app.build_services(data_folder)
        window = app.build_window(services, FakeDialogs())
        qtbot.addWidget(window)
        page = window.page(window.index_of("orosanmalan"))
        assert page.form.reporter_box.title() == "Du som anmäler (sparas inte nu)"
        window.close()
        services.db.close()


def test_a_writable_folder_keeps_the_reporters_details_and_says_so(data_folder, qtbot):
    services, _notice = app.build_services(data_folder)
    window = app.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    page = window.page(window.index_of("orosanmalan"))
    assert page.form.reporter_box.title() == "Du som anmäler (sparas till nästa gång)"
    window.close()
    services.db.close()
