"""The Övning section by keyboard: the presenter view, the blanking key, Öva själv, the diagram."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt

from fkstod.core.flows import load_library
from fkstod.core.training import CaseReplay, load_cases
from fkstod.qt.diagram import describe, edge_tooltip
from fkstod.ui.ovning.diagram_view import DiagramView
from fkstod.ui.ovning.page import OvningPage
from fkstod.ui.ovning.presenter import audience_text
from tests.ui.fakes import FakeDialogs

CASE = "man-utsatt"


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def cases(library):
    return load_cases(library)


@pytest.fixture
def page(qtbot, library, cases):
    widget = OvningPage(library, cases, FakeDialogs())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


@pytest.fixture
def presenter(qtbot, page):
    page.select(CASE)
    presenter = page.present()
    qtbot.addWidget(presenter.audience)
    qtbot.addWidget(presenter.console)
    return presenter


def test_the_list_shows_every_case_with_benefit_and_review_status(page, cases):
    texts = [page.list.item(i).text() for i in range(page.list.count())]
    assert len(texts) == len(cases.listed()) >= 10
    for case, text in zip(cases.listed(), texts, strict=True):
        assert case.title in text
        assert "Ej granskad" in text  # no case has been reviewed yet
    page.select(CASE)
    details = page.details.text()
    assert "Innehåll: Psykiskt, ekonomiskt och fysiskt våld mot en man" in details
    assert "Granskning: Ej granskad" in details
    assert "Fiktivt fall" in details


def test_pgdn_pgup_and_home_replay_the_case_along_its_planned_path(
    qtbot, presenter, cases, library
):
    expected = [
        audience_text(frame.step) for frame in CaseReplay(cases.get(CASE), library).frames()
    ]
    console = presenter.console
    assert presenter.audience.shown_text() == expected[0]
    assert console.position.text().startswith(f"Steg 1 av {len(expected)}")
    for n in range(1, len(expected)):
        key = Qt.Key.Key_PageDown if n % 2 else Qt.Key.Key_Right
        qtbot.keyClick(console, key)
        assert presenter.audience.shown_text() == expected[n], n
        assert console.position.text().startswith(f"Steg {n + 1} av")
    assert console.cue.text().startswith("Slut på planen")
    qtbot.keyClick(console, Qt.Key.Key_PageDown)  # at the end: stays
    assert presenter.audience.shown_text() == expected[-1]
    qtbot.keyClick(presenter.audience, Qt.Key.Key_PageUp)  # the audience window takes keys too
    assert presenter.audience.shown_text() == expected[-2]
    qtbot.keyClick(console, Qt.Key.Key_Home)
    assert presenter.audience.shown_text() == expected[0]
    assert console.position.text().startswith("Steg 1 av")
    assert console.clock.text() == "Tid: 0:00"


def test_the_console_has_the_step_the_cue_the_notes_and_the_story(qtbot, presenter, cases, library):
    case = cases.get(CASE)
    frame = presenter.frame()
    console = presenter.console
    assert console.step.text() == frame.step.title
    assert console.caller.text() == frame.caller
    following = library.get(frame.next.flow).step(frame.next.step).title
    assert console.cue.text() == f"{frame.cue} → {following}"
    assert case.story in console.story.text()
    assert case.trainer_notes in console.story.text()
    # a step with a trainer's note shows it
    while not presenter.frame().trainer:
        assert presenter.forward()
    assert console.notes.text() == presenter.frame().trainer


def test_the_audience_window_shows_the_words_and_choices_only(presenter):
    frame = presenter.frame()
    text = presenter.audience.shown_text()
    assert frame.step.say in text
    for n, option in enumerate(frame.step.options, start=1):
        assert f"{n}  {option.label}" in text
    assert frame.caller not in text  # the trainer's side stays in the console
    assert presenter.console.isWindow() and presenter.audience.isWindow()
    assert presenter.audience is not presenter.console.window()


def test_b_and_period_blank_the_audience_window_and_show_it_again(qtbot, presenter):
    shown = presenter.audience.shown_text()
    qtbot.keyClick(presenter.console, Qt.Key.Key_B)
    assert presenter.audience.shown_text() == ""
    assert "släckt" in presenter.console.audience_state.text()
    qtbot.keyClick(presenter.console, Qt.Key.Key_PageDown)  # stepping while blank stays blank
    assert presenter.audience.shown_text() == ""
    qtbot.keyClick(presenter.audience, Qt.Key.Key_Period)
    assert presenter.audience.shown_text() != ""
    assert presenter.audience.shown_text() != shown  # the step moved on meanwhile
    assert "visar steget" in presenter.console.audience_state.text()


def test_the_audience_text_grows_with_the_window(qtbot, presenter):
    audience = presenter.audience
    audience.resize(640, 400)
    qtbot.wait(20)
    audience.fit_text()
    small = audience.font_pixel_size()
    audience.resize(1800, 1000)
    qtbot.wait(20)
    audience.fit_text()
    assert audience.font_pixel_size() > small >= 18


def test_esc_closes_both_windows(qtbot, page, presenter):
    qtbot.keyClick(presenter.console, Qt.Key.Key_Escape)
    assert not presenter.console.isVisible()
    assert not presenter.audience.isVisible()
    assert page.presenter is None


def test_ova_sjalv_by_keys_to_its_end_with_the_comparison(qtbot, page, cases, library):
    case = cases.get(CASE)
    page.select(CASE)
    window = page.practise()
    qtbot.addWidget(window)
    replay = CaseReplay(case, library)
    for frame in replay.frames():
        assert window.caller.text() == (frame.caller or window.caller.text())
        planned = frame.planned
        if frame.at_end:
            break
        if planned.jump:
            key = getattr(
                Qt.Key,
                "Key_"
                + {
                    "akut-fara": "F5",
                    "barn-berors": "F6",
                    "berattar-om-vald": "F7",
                    "kan-inte-prata": "F8",
                }[planned.jump],
            )
        elif frame.step.kind == "question":
            key = Qt.Key.Key_1 + planned.option_index(frame.step)
        else:
            key = Qt.Key.Key_Return
        qtbot.keyClick(window, key)
    assert window.practice.session.finished
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.result is not None and window.result.same
    text = window.result_text.text()
    assert "Din väg följde planen hela vägen." in text
    for question in case.discussion():
        assert question in text
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.result is None
    assert window.practice.session.current.step_id == case.path[0].step


def test_ova_sjalv_off_the_plan_says_where(qtbot, page, cases):
    page.select(CASE)
    window = page.practise()
    qtbot.addWidget(window)
    qtbot.keyClick(window, Qt.Key.Key_2)  # "not alone" where the plan says alone
    while not window.practice.session.finished:
        step = window.practice.session.step
        qtbot.keyClick(window, Qt.Key.Key_1 if step.kind == "question" else Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert not window.result.same
    assert "planen valde" in window.result_text.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_the_diagram_lists_every_step_and_every_arrow_of_every_shipped_flow(qtbot, library):
    for flow in library.flows.values():
        view = DiagramView(flow, library)
        qtbot.addWidget(view)
        description = view.accessibleDescription()
        assert description == describe(view.picture.diagram)
        assert view.steps() == [step.id for step in flow.steps]
        for step in flow.steps:
            assert f"Steg {step.id}: {step.title}" in description
        expected = [(s.id, s.next, "") for s in flow.steps if s.next]
        expected += [(s.id, o.next, o.label) for s in flow.steps for o in s.options]
        assert sorted(view.arrows()) == sorted(expected), flow.id
        arrow_lines = [line for line in description.splitlines() if line.startswith("Pil ")]
        assert len(arrow_lines) == len(expected)


def test_the_diagram_zooms_and_pans_by_keyboard_and_gives_full_labels_as_tips(qtbot, library):
    view = DiagramView(library.get("sjukpenning-fraga"), library)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    zoom, start = view.zoom, QPointF(view.offset)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom > zoom
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom < zoom
    offset = view.offset
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.offset.x() < offset.x()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.offset.y() < offset.y()
    qtbot.keyClick(view, Qt.Key.Key_0)  # back to the start
    assert view.offset == start and view.zoom == zoom
    # Every long label is cut on screen, and its tip is the whole label.
    diagram = view.picture.diagram
    long = [e for e in diagram.edges if len(e.label) > 30]
    assert long
    assert all(edge_tooltip(e).startswith(e.label) for e in long)
    node = diagram.nodes[0]
    centre = QPointF(node.x + node.w / 2, node.y + node.h / 2 + view.picture.legend_height)
    assert view.tip_at(centre * view.zoom + view.offset) == node.title
    # A label's tip answers where the label is painted: the layout's own box.
    for edge in long:
        left, top, w, h = edge.label_box
        at = QPointF(left + w / 2, top + h / 2 + view.picture.legend_height)
        assert view.tip_at(at * view.zoom + view.offset) == edge_tooltip(edge)


def test_f5_puts_the_audience_window_on_the_whole_screen_and_back(qtbot, presenter):
    # A presentation remote's "start the show" button sends F5.
    audience = presenter.audience
    assert not audience.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(presenter.console, Qt.Key.Key_F5)
    assert audience.windowState() & Qt.WindowState.WindowFullScreen
    assert "F5" in presenter.console.keys.text()
    qtbot.keyClick(audience, Qt.Key.Key_F5)
    assert not audience.windowState() & Qt.WindowState.WindowFullScreen


def test_the_buttons_name_their_keys_in_swedish(page):
    from PySide6.QtWidgets import QPushButton

    for button in page.findChildren(QPushButton):
        words = f"{button.text()} {button.toolTip()}"
        assert "Shift" not in words, words  # Swedish keyboards say Skift


def test_zooming_in_by_keys_keeps_the_diagram_in_view(qtbot, library):
    # Fitted into a wide, low area (the Övning page), the diagram fills only its left part.
    view = DiagramView(library.get("aktivitetsersattning-indikation"), library)
    qtbot.addWidget(view)
    view.resize(1200, 300)
    view.show()
    qtbot.waitExposed(view)

    def shown():
        drawn = QRectF(view.offset, QSizeF(view.picture.width, view.picture.height) * view.zoom)
        return drawn.intersected(QRectF(view.rect()))

    middle = view.to_diagram(shown().center())
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    visible = shown()
    assert visible.width() > view.width() / 3 and visible.height() > view.height() / 2
    # Zoomed around what was in view: its middle is still in view.
    point = QPointF(middle.x(), middle.y() + view.picture.legend_height) * view.zoom + view.offset
    assert QRectF(view.rect()).contains(point)


def test_ova_sjalvs_comparison_at_150_percent_fits_a_laptop_and_scrolls_by_keys(qtbot, page, cases):
    from fkstod.qt.text_scale import apply_text_scale

    apply_text_scale(1.5)
    try:
        page.select("sjukpenning-berattar-barn")  # a long comparison off the plan
        window = page.practise()
        qtbot.addWidget(window)
        window.resize(820, 640)
        for _ in range(60):
            session = window.practice.session
            if session.finished:
                break
            if session.step.kind == "question":
                window.choose(len(session.step.options) - 1)
            else:
                window.go_on()
        qtbot.keyClick(window, Qt.Key.Key_Return)
        assert window.result is not None and not window.result.same
        qtbot.wait(20)
        assert window.height() <= 700  # not grown past a 768-pixel screen
        bar = window.scroll.verticalScrollBar()
        assert bar.maximum() > 0  # the comparison is longer than the window: it scrolls
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        assert bar.value() > 0
        qtbot.keyClick(window, Qt.Key.Key_End)
        assert bar.value() == bar.maximum()
        qtbot.keyClick(window, Qt.Key.Key_Home)  # Home still starts over
        assert window.result is None and bar.value() == 0
    finally:
        apply_text_scale(1.0)


def test_the_step_followed_in_the_diagram_is_as_large_as_the_chosen_text(qtbot, library):
    # At 150 % text the diagram a trainer follows stayed at 100 %: the steps and the
    # answers read smaller than every other word. The zoom it follows at is the
    # text size chosen, and it follows a change of it.
    from fkstod.qt.text_scale import apply_text_scale

    view = DiagramView(library.get("fraga-vid-indikation"), library)
    qtbot.addWidget(view)
    view.resize(700, 500)  # too small for the whole flow at any readable zoom
    view.show()
    qtbot.waitExposed(view)
    step = view.steps()[3]
    view.follow(step)
    assert view.zoom == pytest.approx(1.0)
    try:
        apply_text_scale(1.5)
        qtbot.wait(20)
        assert view.zoom == pytest.approx(1.5)
        view.follow(step)
        assert view.zoom == pytest.approx(1.5)
    finally:
        apply_text_scale(1.0)
    qtbot.wait(20)
    assert view.zoom == pytest.approx(1.0)
