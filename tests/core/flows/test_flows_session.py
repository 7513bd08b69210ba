"""A run through a flow: back keeps answers, jumps return, counts go to the recorder only."""

from __future__ import annotations

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder
from tests.conftest import CORE_DATA

# The engine is tested on frozen example flows, so that content changes never break it.
LIBRARY = load_library(CORE_DATA / "flows_fixture")


@pytest.fixture
def usage(memory_db):
    recorder = UsageRecorder(memory_db, clock=lambda: "2025-01")
    recorder.set_content_ids("flow", LIBRARY.ids())
    return recorder


def counts(usage: UsageRecorder) -> dict[tuple, int]:
    return {(c.metric, *sorted(c.labels.values())): c.count for c in usage.counts()}


def test_back_returns_to_the_question_and_remembers_the_answer():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    s.choose(0)
    s.advance()
    s.choose(1)
    assert s.codes() == ["asked", "disclosed"]
    assert s.back()
    assert s.step.id == "fraga"
    assert s.previous_answer() == 1
    assert s.codes() == []  # going back undoes what the answer set


def test_back_at_the_start_does_nothing():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    assert not s.back()
    assert s.step.id == "fore"


def test_a_global_jump_returns_to_the_step_it_was_made_from():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.choose(0)
    s.jump("akut-fara")
    assert s.in_jump and s.flow.id == "akut-fara"
    s.choose(0)
    assert s.step.is_outcome and not s.finished
    s.advance()
    assert (s.flow.id, s.step.id) == ("underhallsstod-fraga", "fraga")
    assert s.codes() == ["acute_danger", "emergency_called"]


def test_leaving_a_jump_returns_to_where_it_was_made_and_keeps_its_path(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.jump("berattar-om-vald")
    s.jump("barn-berors")
    assert s.leave_jump()
    assert s.flow.id == "berattar-om-vald"
    assert s.leave_jump()
    assert (s.flow.id, s.step.id) == ("underhallsstod-fraga", "fraga")
    assert not s.in_jump and not s.leave_jump()
    assert [line.in_jump for line in s.path()][-1] is False
    s.close()
    assert counts(usage)[("flow_abandoned", "barn-berors", "underhallsstod")] == 1


def test_a_jump_can_be_made_from_inside_a_jump():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.jump("berattar-om-vald")
    s.jump("barn-berors")
    s.choose(2)
    s.advance()
    assert s.flow.id == "berattar-om-vald"
    s.advance()
    s.choose(0)
    s.advance()
    assert (s.flow.id, s.step.id) == ("underhallsstod-fraga", "fore")


def test_counts_started_completed_and_outcomes_per_flow_and_benefit(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.choose(0)
    assert s.finished
    s.close()
    assert counts(usage) == {
        ("flow_started", "underhallsstod", "underhallsstod-fraga"): 1,
        ("flow_completed", "underhallsstod", "underhallsstod-fraga"): 1,
        ("flow_outcome", "asked", "underhallsstod", "underhallsstod-fraga"): 1,
        ("flow_outcome", "no_disclosure", "underhallsstod", "underhallsstod-fraga"): 1,
        ("call_ended", "underhallsstod"): 1,
    }


def test_going_back_from_the_end_and_ending_again_counts_once(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.choose(0)
    s.back()
    s.choose(0)
    s.close()
    assert counts(usage)[("flow_completed", "underhallsstod", "underhallsstod-fraga")] == 1


def test_going_back_from_the_end_and_answering_otherwise_counts_the_last_answers(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.choose(0)  # no disclosure: the end
    assert s.finished
    s.back()
    s.choose(1)  # on second thought: disclosed
    while not s.finished:
        s.choose(0) if s.step.kind == "question" else s.advance()
    s.close()
    got = counts(usage)
    assert ("flow_outcome", "no_disclosure", "underhallsstod", "underhallsstod-fraga") not in got
    assert got[("flow_outcome", "disclosed", "underhallsstod", "underhallsstod-fraga")] == 1
    assert got[("flow_completed", "underhallsstod", "underhallsstod-fraga")] == 1


def test_leaving_before_the_end_counts_abandoned_with_the_codes_so_far(usage):
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "rehabiliteringsersattning", usage)
    s.choose(0)
    s.advance()
    s.choose(1)
    s.close()
    s.close()  # closing twice counts once
    got = counts(usage)
    assert got[("flow_abandoned", "rehabiliteringsersattning", "sjukpenning-fraga")] == 1
    assert ("flow_completed", "rehabiliteringsersattning", "sjukpenning-fraga") not in got
    outcomes = sorted(k[1] for k in got if k[0] == "flow_outcome")
    assert outcomes == ["asked", "disclosed"]


def test_restart_counts_the_first_run_abandoned_and_starts_again(usage):
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning", usage)
    s.choose(0)
    s.restart()
    assert s.step.id == "fore" and s.previous_answer() is None
    got = counts(usage)
    assert got[("flow_started", "sjukpenning", "sjukpenning-fraga")] == 2
    assert got[("flow_abandoned", "sjukpenning", "sjukpenning-fraga")] == 1


def test_training_mode_counts_nothing(memory_db):
    recorder = UsageRecorder(memory_db, training=True)
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", recorder)
    s.choose(1)
    s.close()
    assert recorder.counts() == []


def test_an_unknown_benefit_falls_back_to_the_flows_first():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "nonsense")
    assert s.benefit == "underhallsstod"


def test_note_says_support_was_given_and_never_holds_free_text():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    s.choose(0)
    s.advance()
    s.support_shown("kvinnor")
    s.support_shown("not-a-category")
    note = s.note()
    assert "Information om stödkontakter lämnades." in note
    assert "kvinnor" not in note.lower()
    assert "not-a-category" not in note


def test_progress_counts_steps_taken_and_fewest_left():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    assert s.progress() == (0, 1)
    s.choose(0)
    assert s.progress() == (1, 2)


def test_checklist_ticks_live_in_memory_only():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.choose(0)
    s.choose(1)
    assert s.toggle_item(2) is True
    assert s.toggle_item(2) is False


def test_choose_on_a_step_without_that_option_raises():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    with pytest.raises(IndexError):
        s.choose(5)


SENSITIVE_FLOW = """
id = "utan-anteckning"
title = "Flöde utan anteckningar"
version = "1.0"
benefits = ["ovriga"]
when = "Test av anteckningen när innehållet inte skriver någon mening."

[[sources]]
id = "test"
title = "Testkälla"

[[steps]]
id = "fraga"
kind = "question"
title = "Fråga"
say = "Har du varit med om våld?"
sources = ["test"]

[[steps.options]]
label = "Ja, hedersrelaterat, barn berörs"
next = "slut"
codes = ["asked", "disclosed", "honour_related", "child_concern", "orosanmalan_needed"]

[[steps]]
id = "slut"
kind = "outcome"
title = "Klart"
guidance = "Klart."
"""


def test_a_note_without_content_sentences_never_names_sensitive_outcomes(tmp_path):
    # Parties may read their case files: the draft note must not say on its own that
    # honour-related violence or a report about a child is involved.
    for source in (CORE_DATA / "flows_fixture").glob("*.toml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "utan-anteckning.toml").write_text(SENSITIVE_FLOW, encoding="utf-8")
    library = load_library(tmp_path)
    assert not library.unavailable, library.unavailable
    s = FlowSession(library, "utan-anteckning", "ovriga")
    s.choose(0)
    note = s.note()
    assert "Frågan om våld ställdes" in note
    for word in ("Heder", "heder", "barn", "Orosanmälan", "Oro för"):
        assert word not in note, note


def test_the_note_names_no_kind_of_support_since_the_kind_tells_what_was_said():
    # Even a line for hbtqi people can out someone: the note says only that
    # information about support was given.
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    s.choose(0)
    s.advance()
    for category in ("kvinnor", "hbtqi", "heder", "barn_unga", "utovare", "exploatering"):
        s.support_shown(category)
    note = s.note()
    assert note.count("Information om stödkontakter lämnades.") == 1
    for word in ("kvinnor", "hbtqi", "heder", "barn", "utövar", "människohandel"):
        assert word not in note.lower(), note


def test_where_the_other_parent_reads_the_file_support_is_left_to_the_caseworker():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.choose(0)
    s.choose(1)
    s.support_shown("kvinnor")
    note = s.note()
    assert "Frågan om hot och våld ställdes." in note
    assert "stöd" not in note.lower() and "berättade" not in note


def ended(usage: UsageRecorder, flow_id: str) -> tuple[int, int, int]:
    """Return (started, completed, abandoned) of ``flow_id``, over every benefit."""
    got = {"flow_started": 0, "flow_completed": 0, "flow_abandoned": 0}
    for c in usage.counts():
        if c.metric in got and c.labels.get("flow") == flow_id:
            got[c.metric] += c.count
    return got["flow_started"], got["flow_completed"], got["flow_abandoned"]


def test_a_step_back_out_of_a_jump_ends_the_jump_abandoned(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.jump("akut-fara")
    assert s.back()  # from the jump's first step: back where it was made
    assert not s.in_jump
    s.close()
    assert ended(usage, "akut-fara") == (1, 0, 1)
    assert ended(usage, "underhallsstod-fraga") == (1, 0, 1)


def test_back_onto_a_finished_jumps_end_and_on_again_completes_it_once(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.jump("akut-fara")
    s.choose(0)
    s.advance()  # the jump's end: back in the main flow
    assert s.back() and s.flow.id == "akut-fara" and s.step.is_outcome
    s.advance()  # Enter again on the jump's last step
    s.close()
    assert ended(usage, "akut-fara") == (1, 1, 0)


def test_a_jump_whose_end_was_stepped_back_from_and_left_is_abandoned(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.jump("akut-fara")
    s.choose(0)
    s.advance()
    s.back()  # onto the jump's end
    s.back()  # onto its question: the end is no longer in the path
    assert s.leave_jump()
    s.close()
    assert ended(usage, "akut-fara") == (1, 0, 1)


def test_a_main_flow_stepped_back_from_its_end_and_left_is_abandoned(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.choose(0)
    s.choose(0)
    assert s.finished
    s.back()
    final = s.codes()
    s.close()  # the final path does not reach the end
    assert ended(usage, "underhallsstod-fraga") == (1, 0, 1)
    assert "no_disclosure" not in final
    assert sorted(k[1] for k in counts(usage) if k[0] == "flow_outcome") == sorted(final)


def test_a_jump_entered_twice_is_two_runs_each_ended_once(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.jump("akut-fara")
    s.back()
    s.jump("akut-fara")
    s.choose(2)
    s.advance()
    s.close()
    assert ended(usage, "akut-fara") == (2, 1, 1)


def test_nothing_ends_before_the_session_closes(usage):
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod", usage)
    s.jump("akut-fara")
    assert s.leave_jump()
    assert ended(usage, "akut-fara") == (1, 0, 0)  # a step back could still reach its end
    s.close()
    assert ended(usage, "akut-fara") == (1, 0, 1)


def test_at_a_jumps_end_the_steps_left_count_the_way_back_to_the_call():
    # "sista steget" at the jump's last step would tell the caseworker the call is done.
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.choose(0)
    _taken, left_in_call = s.progress()
    s.jump("akut-fara")
    s.choose(0)
    assert s.step.is_outcome and s.in_jump
    taken, left = s.progress()
    assert left == 1 + left_in_call  # the step gone back to, then what is left of the call
    s.advance()
    assert s.progress() == (taken + 1, left - 1)


def test_in_a_jump_from_a_jump_the_steps_left_count_both_ways_back():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    left_in_call = s.progress()[1]
    s.jump("berattar-om-vald")
    left_in_first = s.progress()[1]
    assert left_in_first > left_in_call
    s.jump("barn-berors")
    assert s.progress()[1] > left_in_first
