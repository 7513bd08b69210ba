"""Replaying a case for the presenter, practising it alone, and counting nothing while doing so."""

from __future__ import annotations

import pytest

from fkstod.core import store
from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.training import (
    ANSWER,
    EXTRA,
    SKIPPED,
    CaseReplay,
    Practice,
    compare,
    load_cases,
    planned_trail,
)
from fkstod.core.training.replay import perform
from fkstod.core.usage import METRICS, UsageRecorder
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES, REFERRAL_CATEGORIES

FLOWS = load_library()
CASES = load_cases(FLOWS)
IDS = sorted(CASES.cases)


@pytest.mark.parametrize("case_id", IDS)
def test_the_replay_shows_every_planned_step_with_its_line_note_and_cue(case_id):
    case = CASES.get(case_id)
    frames = list(CaseReplay(case, FLOWS).frames())
    assert [(f.flow.id, f.step.id) for f in frames] == [p.key for p in case.path]
    assert [f.caller for f in frames] == [p.caller for p in case.path]
    assert [f.trainer for f in frames] == [p.trainer for p in case.path]
    assert [f.index for f in frames] == list(range(len(case.path)))
    assert frames[-1].at_end and frames[-1].cue == "" and frames[-1].next is None
    for frame in frames[:-1]:
        assert frame.cue, frame.step.id
        assert frame.next is case.path[frame.index + 1]
        if frame.step.kind == "question" and not frame.planned.jump:
            assert frame.cue == frame.step.options[frame.planned.option_index(frame.step)].label


@pytest.mark.parametrize("case_id", IDS)
def test_the_replay_ends_at_the_flows_end_or_where_the_plan_stops(case_id):
    case = CASES.get(case_id)
    replay = CaseReplay(case, FLOWS)
    while replay.forward():
        pass
    assert replay.session.finished or case.path[-1].stop
    assert replay.forward() is False


def test_the_replay_goes_back_and_resets_between_demonstrations():
    case = CASES.get("sjukpenning-berattar-barn")
    replay = CaseReplay(case, FLOWS)
    assert replay.back() is False
    for _ in range(5):
        replay.forward()
    at_five = replay.frame()
    replay.forward()
    assert replay.back()
    assert replay.frame() == at_five
    replay.forward()
    again = replay.reset()
    assert again.index == 0 and again.step.id == case.path[0].step
    assert len(replay.session.trail) == 1
    assert [f.step.id for f in replay.frames()] == [p.step for p in case.path]


def test_the_cue_names_a_global_jump():
    frames = list(CaseReplay(CASES.get("kan-inte-prata"), FLOWS).frames())
    jumped = next(f for f in frames if f.planned.jump)
    assert jumped.cue == "Hopp: " + FLOWS.get("kan-inte-prata").title


def _every_metric(recorder: UsageRecorder) -> None:
    labels = {
        "flow": "sjukpenning-fraga",
        "benefit": next(iter(BENEFITS)),
        "outcome": next(iter(OUTCOME_CODES)),
        "category": next(iter(REFERRAL_CATEGORIES)),
    }
    for metric in METRICS.values():
        recorder.record(metric.name, **{n: labels[n] for n in metric.label_names()})


def _play_everything(recorder: UsageRecorder) -> None:
    for case in CASES.cases.values():
        session = FlowSession(FLOWS, case.flow, case.benefit, usage=recorder)
        for i, planned in enumerate(case.path):
            perform(session, planned, last=i == len(case.path) - 1)
        session.support_shown("akut")
        session.close()
        # The presenter's and Öva själv's own sessions.
        replay = CaseReplay(case, FLOWS)
        while replay.forward():
            pass
        replay.session.close()
        practice = Practice(case, FLOWS)
        practice.finish()
        practice.session.close()
    _every_metric(recorder)


def _rows(db) -> int:
    return db.execute("SELECT COUNT(*) FROM usage_counts").fetchone()[0]


def test_training_mode_records_nothing_in_a_real_database_for_any_metric(tmp_path):
    opened = store.open_store(tmp_path / "fkstod.sqlite3", MIGRATION_SETS)
    try:
        recorder = UsageRecorder(opened.db, training=True)
        recorder.set_content_ids("flow", FLOWS.ids())
        _play_everything(recorder)
        assert recorder.counts() == []
        assert _rows(opened.db) == 0
        # The same run outside training mode counts: the check above can fail.
        counting = UsageRecorder(opened.db)
        counting.set_content_ids("flow", FLOWS.ids())
        _play_everything(counting)
        assert {c.metric for c in counting.counts()} == set(METRICS)
    finally:
        opened.db.close()


def test_the_presenter_and_practice_sessions_have_no_recorder():
    case = CASES.get("man-utsatt")
    assert CaseReplay(case, FLOWS).session.usage is None
    assert Practice(case, FLOWS).session.usage is None


def test_the_planned_path_compared_with_itself_has_no_differences():
    for case in CASES.cases.values():
        result = compare(case, FLOWS, planned_trail(case, FLOWS))
        assert result.same, (case.id, [d.text() for d in result.differences])
        assert result.discussion == case.discussion()
        assert result.goals == case.goals


def test_practice_gives_the_callers_lines_and_compares_at_the_end():
    case = CASES.get("sjukpenning-inget-berattat")
    practice = Practice(case, FLOWS)
    assert practice.caller_line() == case.path[0].caller
    practice.session.choose(0)
    assert practice.caller_line() == case.path[1].caller
    practice.session.advance()
    practice.session.choose(3)  # "Vill inte svara" instead of the planned "Nej"
    assert practice.session.finished
    assert practice.caller_line() == case.path[-1].caller  # the plan ends at the same step
    result = practice.finish()
    assert [(d.kind, d.step) for d in result.differences] == [(ANSWER, "fraga"), (SKIPPED, "sjalv")]
    answer = result.differences[0]
    assert (answer.planned, answer.taken) == ("Nej", "Vill inte svara")
    assert "planen valde ”Nej”, du valde ”Vill inte svara”" in answer.text()
    assert answer.trainer == case.path[2].trainer
    assert result.discussion == case.discussion()


def test_practice_off_the_plan_has_no_line_and_counts_extra_steps():
    case = CASES.get("sjukpenning-inget-berattat")
    practice = Practice(case, FLOWS)
    practice.session.choose(2)  # "Det passar inte av ett annat skäl"
    assert practice.caller_line() == ""
    practice.session.choose(1)  # "Samtalet handlar om något akut annat"
    kinds = [(d.kind, d.step) for d in practice.finish().differences]
    assert (ANSWER, "fore") in kinds
    assert (EXTRA, "skal") in kinds and (EXTRA, "inte-nu") in kinds
    assert (SKIPPED, "ramar") in kinds and (SKIPPED, "avslut") in kinds
    practice.restart()
    assert len(practice.session.trail) == 1 and practice.finish().differences


def test_a_step_visited_twice_gives_the_line_of_that_visit():
    case = CASES.get("kan-inte-prata")
    practice = Practice(case, FLOWS)
    replay = CaseReplay(case, FLOWS)
    lines = []
    while True:
        practice.session = replay.session  # walk the plan, ask for the line at each step
        lines.append(practice.caller_line())
        if not replay.forward():
            break
    assert lines == [p.caller for p in case.path]
