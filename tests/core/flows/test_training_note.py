"""A call in Övningsläge writes the same note with one line first: that it is a practice note."""

from __future__ import annotations

from datetime import date

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.note_rule import (
    HEADING,
    TRAINING_MARK,
    marked_for_training,
    note_faults,
    sentence_faults,
)
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder

FLOWS = load_library()
TODAY = date(2026, 12, 1)


def ended(usage: UsageRecorder | None, flow: str = "sjukpenning-fraga") -> FlowSession:
    session = FlowSession(FLOWS, flow, FLOWS.get(flow).benefits[0], usage)
    for _ in range(30):
        if session.finished:
            return session
        session.choose(0) if session.step.kind == "question" else session.advance()
    raise AssertionError("the flow never ended")


@pytest.mark.parametrize("flow", ["sjukpenning-fraga", "underhallsstod-fraga"])
def test_a_training_calls_note_is_the_real_note_with_the_mark_first(memory_db, flow):
    real = ended(UsageRecorder(memory_db), flow).note(TODAY)
    practice = ended(UsageRecorder(memory_db, training=True), flow).note(TODAY)
    assert practice == f"{TRAINING_MARK}\n{real}"
    assert real.startswith(f"{HEADING} {TODAY.isoformat()}")
    assert "ÖVNING" not in real
    assert note_faults(practice, "", TODAY.isoformat()) == []


def test_a_call_without_a_recorder_writes_the_real_note(memory_db):
    assert ended(None).note(TODAY) == ended(UsageRecorder(memory_db)).note(TODAY)


def test_the_call_keeps_the_mode_it_started_in(memory_db):
    usage = UsageRecorder(memory_db, training=True)
    session = ended(usage)
    usage.training = False  # the trainer leaves Övningsläge at the summary
    assert session.note(TODAY).startswith(TRAINING_MARK + "\n")


def test_the_mark_names_no_topic_a_note_must_not_name():
    # Like the heading, it is a line of its own: not one of the note's sentences.
    assert sentence_faults(TRAINING_MARK) == []
    assert len(TRAINING_MARK.splitlines()) == 1


def test_where_a_party_reads_the_file_the_practice_note_passes_too(memory_db):
    session = ended(UsageRecorder(memory_db, training=True), "underhallsstod-fraga")
    assert session.reader  # the other parent
    assert note_faults(session.note(TODAY), session.reader, TODAY.isoformat()) == []


def test_marking_twice_marks_once():
    note = f"{HEADING} 2026-12-01\nFrågan om våld ställdes.\n"
    assert marked_for_training(marked_for_training(note)) == marked_for_training(note)
