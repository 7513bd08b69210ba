"""Övningsläge in the whole window: the menu and its key, the banner and title, nothing counted,
every report marked on every page and in its file name."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from fkstod.core.training import CaseReplay
from fkstod.core.usage.registry import METRICS
from fkstod.ui.ovning.section import OvningSection
from tests.ui.fakes import real_window
from tests.ui.orosanmalan.helpers import fill_by_keyboard

BANNER = "ÖVNINGSLÄGE – fiktiva fall, inget räknas"


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    yield from real_window(qtbot, data_folder, dialogs, services, shutdown=True)


def play_to_the_end(samtal, case, library) -> None:
    """Take the call shown through the case's planned answers to its last step."""
    for frame in CaseReplay(case, library).frames():
        if frame.at_end:
            return
        if frame.planned.jump:
            samtal.jump(frame.planned.jump)
        elif frame.step.kind == "question":
            samtal.choose(frame.planned.option_index(frame.step))
        else:
            samtal.advance()


def training_key(qtbot, window) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_the_key_switches_the_mode_on_and_off_with_banner_and_title(qtbot, window):
    assert not window.training_banner.isVisible()
    assert not window.windowTitle().startswith("ÖVNINGSLÄGE")
    training_key(qtbot, window)
    assert window.training_banner.isVisible()
    assert window.training_banner.text() == BANNER
    assert window.windowTitle().startswith("ÖVNINGSLÄGE – fkstod")
    assert window.training_action.isChecked()
    training_key(qtbot, window)
    assert not window.training_banner.isVisible()
    assert window.windowTitle() == "fkstod – stöd vid frågor om våld i nära relationer"
    assert not window.training_action.isChecked()


def test_the_mode_is_in_the_visa_menu(qtbot, window):
    texts = [a.text().replace("&", "") for a in window.view_menu.actions()]
    assert "Övningsläge" in texts
    window.training_action.trigger()
    assert window.training_banner.isVisible()


def test_a_demonstration_switches_the_mode_on(qtbot, window):
    page = window.page(window.index_of(OvningSection.id))
    presenter = page.present()
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    assert window.training_banner.isVisible()
    presenter.close()


def use_everything(qtbot, window, services) -> None:
    """Use the flows, the directory and the report as a caseworker would, and then
    record every metric of the registry through the recorder each section was given."""
    samtal = window.page(window.index_of("samtal"))
    library = samtal.library
    from fkstod.core.training import load_cases

    case = load_cases(library).get("sjukpenning-berattar-barn")
    samtal.start(case.flow, case.benefit)
    play_to_the_end(samtal, case, library)
    samtal.start(case.flow, case.benefit)  # the first one done, a second one left open
    katalog = window.page(window.index_of("katalog"))
    entry = next(e for e in services.directory.entries() if e.telefon)
    katalog.copy_number(entry.id)
    report = window.page(window.index_of("orosanmalan"))
    fill_by_keyboard(qtbot, report)
    report.copy_text()
    for section in window.sections():
        usage = getattr(section, "usage", None)
        if usage is None:
            continue
        for name, metric in METRICS.items():
            usage.record(name, **{label.name: "other" for label in metric.labels})
    for section in window.built_sections():
        section.shutdown()


def test_nothing_is_recorded_in_training_mode_for_any_metric(qtbot, window, services):
    training_key(qtbot, window)
    use_everything(qtbot, window, services)
    assert services.usage.counts() == []
    assert services.db.execute("SELECT count(*) FROM usage_counts").fetchone()[0] == 0


def test_the_same_use_outside_training_counts_every_metric(qtbot, window, services):
    # The control: the check above can fail.
    use_everything(qtbot, window, services)
    assert {row.metric for row in services.usage.counts()} == set(METRICS)


def test_counting_starts_again_when_the_mode_is_switched_off(qtbot, window, services):
    training_key(qtbot, window)
    services.usage.record("referral_shown", category="kvinnor")
    training_key(qtbot, window)
    services.usage.record("referral_shown", category="kvinnor")
    assert [row.count for row in services.usage.counts()] == [1]


def test_a_report_saved_in_training_mode_is_marked_on_every_page_and_in_its_name(
    qtbot, window, dialogs, tmp_path
):
    training_key(qtbot, window)
    page = window.show_section_id("orosanmalan").build()
    fill_by_keyboard(qtbot, page)
    suggested = []
    dialogs.save_private = lambda title, name, filters: (
        suggested.append(name) or (str(tmp_path / "anmalan.pdf"), "")
    )
    page.save_as()
    assert dialogs.errors == []
    assert suggested[0].startswith("ÖVNING-orosanmalan-")
    assert not (tmp_path / "anmalan.pdf").exists()
    data = (tmp_path / "ÖVNING-anmalan.pdf").read_bytes()
    # NFKC: the extractor gives the "fi" ligature as one letter.
    pages = [
        unicodedata.normalize("NFKC", " ".join(p.extract_text().split()))
        for p in PdfReader(io.BytesIO(data)).pages
    ]
    assert pages and all(text.startswith("ÖVNING – fiktivt fall") for text in pages)
    assert "ÖVNING – fiktivt fall" in page.preview.toPlainText()


def test_a_report_outside_training_mode_has_no_training_mark(qtbot, window, dialogs, tmp_path):
    page = window.show_section_id("orosanmalan").build()
    fill_by_keyboard(qtbot, page)
    dialogs.path = str(tmp_path / "anmalan.pdf")
    page.save_as()
    data = (tmp_path / "anmalan.pdf").read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "ÖVNING" not in text


def test_a_demonstration_ended_after_the_mode_is_off_counts_nothing(qtbot, window, services):
    # The trainer shows a flow in Övningsläge, leaves the mode with the summary still
    # shown, copies the note and starts a new call: the demonstration is not counted.
    samtal = window.page(window.index_of("samtal"))
    library = samtal.library
    from fkstod.core.training import load_cases

    case = load_cases(library).get("sjukpenning-berattar-barn")
    training_key(qtbot, window)
    samtal.start(case.flow, case.benefit)
    play_to_the_end(samtal, case, library)
    training_key(qtbot, window)
    assert not window.training_banner.isVisible()
    samtal.copy_note("Samtalsanteckning")
    samtal.start(case.flow, case.benefit)  # a new, real call
    assert {row.metric for row in services.usage.counts()} == {"flow_started"}
