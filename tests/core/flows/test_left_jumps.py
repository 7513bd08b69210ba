"""A jump the caseworker came back from: the call went on, and the note says so.

F8 "Kan inte prata nu" writes "Samtalet avslutades innan alla frågor hade ställts."
When the caseworker comes back into the call (Esc, or the jump's end) and asks the
questions after all, that sentence beside "Frågan om våld ställdes" is false, and
contradicts the rest of the case file. The step that says it has ``ends_call = true``;
in a jump made by key and come back from, the note leaves it out, and only it. The
counts keep its codes: what happened in the call is counted as before.
"""

from __future__ import annotations

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.session import FlowSession
from fkstod.core.usage import UsageRecorder

LIBRARY = load_library()  # the shipped flows: the sentences are theirs
ENDED = "Samtalet avslutades innan alla frågor hade ställts."
ASKED = "Frågan om våld ställdes. Personen berättade inte om våld."
F8 = "kan-inte-prata"


@pytest.fixture
def usage(memory_db):
    recorder = UsageRecorder(memory_db, clock=lambda: "2025-01")
    recorder.set_content_ids("flow", LIBRARY.ids())
    return recorder


def call() -> FlowSession:
    return FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")


def ask_to_the_end(s: FlowSession) -> None:
    """From "fore": alone and free to talk, the question asked, no to both."""
    assert s.current.step_id == "fore" and not s.in_jump
    s.choose(0)  # ensam och kan prata
    s.advance()  # ramar
    s.choose(0)  # fraga: Nej
    s.choose(0)  # sjalv: Nej
    assert s.finished


def sentences(s: FlowSession) -> list[str]:
    return [line for line in s.note().splitlines()[1:] if line]


def test_f8_then_esc_back_and_the_questions_asked_the_note_says_no_end():
    s = call()
    s.jump(F8)
    assert ENDED in s.notes()  # while in the jump, it is what the call came to
    assert s.leave_jump()
    ask_to_the_end(s)
    assert ENDED not in s.note()
    assert sentences(s) == [ASKED]


def test_f8_gone_through_to_its_end_and_back_keeps_how_the_person_is_reached():
    s = call()
    s.jump(F8)
    s.advance()  # byt
    s.choose(1)  # Personen hör av sig själv
    s.advance()  # klart: back to the call
    ask_to_the_end(s)
    # Still true, and the next caseworker needs it: do not ring the person.
    assert sentences(s) == ["Personen hör av sig när det passar.", ASKED]


def test_f8_back_and_then_not_asked_says_not_asked_once():
    # Back in the call, it is not safe after all: the answer says the question was not
    # asked and is taken up later. The call went on to that answer; it says it all.
    s = call()
    s.jump(F8)
    assert s.leave_jump()
    s.choose(1)  # fore: Nej, eller det låter osäkert
    assert s.finished
    assert sentences(s) == [
        "Frågan om våld ställdes inte vid det här samtalet och tas upp vid ett senare tillfälle."
    ]


def test_f8_at_the_end_of_the_call_and_back_leaves_the_note_as_it_was():
    s = call()
    ask_to_the_end(s)
    before = s.note()
    s.jump(F8)
    assert s.leave_jump() and s.finished
    assert s.note() == before


def test_f8_from_the_list_of_flows_ends_there_and_says_so():
    s = FlowSession(LIBRARY, F8, "sjukpenning")
    s.advance()
    s.choose(2)  # Samtalet bröts
    assert s.finished
    assert ENDED in sentences(s)


def test_the_answer_that_the_person_cannot_talk_keeps_the_sentence():
    s = call()
    s.choose(0)
    s.advance()
    s.choose(4)  # fraga: Personen kan inte prata längre (into F8, then "inte-nu")
    assert s.leave_jump() and s.finished
    assert ENDED in sentences(s)


def test_f8_left_and_later_the_answer_that_the_person_cannot_talk_keeps_it_once():
    s = call()
    s.jump(F8)
    assert s.leave_jump()
    s.choose(0)
    s.advance()
    s.choose(4)  # the call ends after all: the second run of F8 says so
    s.advance()  # byt
    s.choose(2)
    s.advance()  # klart: back, at "inte-nu"
    assert s.finished
    assert sentences(s).count(ENDED) == 1


def test_f8_inside_a_jump_the_call_came_back_from_is_left_out_too():
    # F6 or F7: the person cannot talk freely (into F8 by the answer), the jump ends
    # at "Tillbaka till samtalet", and the call goes on: no "avslutades innan" either.
    for jump in ("barn-berors", "berattar-om-vald"):
        s = call()
        s.jump(jump)
        s.choose(1)  # fritt: Nej, eller det låter osäkert → F8
        assert s.leave_jump()  # out of F8, at the jump's "avbrutet"
        s.advance()  # back to the call
        ask_to_the_end(s)
        assert ENDED not in s.note(), jump
        assert sentences(s) == [ASKED], jump


def test_a_left_jump_keeps_what_stays_true_when_the_call_went_on():
    # F7: the person told, then the caseworker went back to the call. F5: support was
    # given. Both stay true whatever came after; the rule of what a note may say
    # still decides every sentence (in underhållsstöd neither is written).
    s = call()
    s.jump("berattar-om-vald")
    s.choose(0)  # fritt: kan prata
    assert s.leave_jump()  # from "Lyssna och bekräfta"
    ask_to_the_end(s)
    assert "Personen berättade om våld." in sentences(s)

    s = call()
    s.jump("akut-fara")
    s.choose(1)  # hot, men ingen fara just nu
    assert s.leave_jump()
    ask_to_the_end(s)
    assert "Information om stödkontakter lämnades." in sentences(s)


def test_the_counts_of_a_left_f8_are_as_before(usage):
    # The person could not talk for a while: that is counted, as before. Only the
    # note, which speaks for the whole call, leaves out that the call ended.
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning", usage)
    s.jump(F8)
    assert s.leave_jump()
    ask_to_the_end(s)
    assert {"cannot_talk", "ask_again_later", "asked"} <= set(s.codes())
    s.close()
    got = {(c.metric, *sorted(c.labels.values())): c.count for c in usage.counts()}
    assert got[("flow_outcome", "cannot_talk", "sjukpenning", "sjukpenning-fraga")] == 1
    assert got[("flow_started", F8, "sjukpenning")] == 1
    assert got[("flow_abandoned", F8, "sjukpenning")] == 1
    assert got[("call_ended", "sjukpenning")] == 1


def test_only_the_way_out_of_a_call_says_it_ends_the_call():
    ending = [
        (flow_id, step.id, step.note)
        for flow_id in LIBRARY.ids()
        for step in LIBRARY.get(flow_id).steps
        if step.ends_call
    ]
    assert ending == [(F8, "byt", ENDED)]
