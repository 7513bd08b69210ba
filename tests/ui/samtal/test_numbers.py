"""Phone numbers in a step stay on one line on screen (the flow files keep plain spaces)."""

from fkstod.core.flows.model import Step
from fkstod.ui.samtal.step_view import FlowStepView


def test_phone_numbers_do_not_break_in_say_and_guidance(qtbot):
    view = FlowStepView()
    qtbot.addWidget(view)
    step = Step(
        id="stod",
        kind="info",
        title="Stöd",
        say="Kvinnofridslinjen har nummer 020-50 50 50.",
        guidance="Polisen 114 14 vid hot.",
    )
    view.show_step(step, flow_title="Test", progress=(1, 1), can_go_back=False)
    assert "020-50\u00a050\u00a050" in view.say.text()
    assert "114\u00a014" in view.guidance.text()
