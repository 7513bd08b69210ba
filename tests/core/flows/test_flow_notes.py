"""Every note every shipped flow can write, checked against the rule of what a note may say.

The rule lives in ``fkstod/core/flows/note_rule.py``; the walk in
``fkstod/core/flows/notes.py`` is the same one ``fkstod flows notes`` prints.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fkstod.core.flows import GLOBAL_JUMPS, load_library
from fkstod.core.flows.check import check_flow
from fkstod.core.flows.loader import read_flow_file
from fkstod.core.flows.note_rule import (
    FORBIDDEN,
    HEADING,
    NOTE_SAFE_OUTCOMES,
    PARTY_CODE,
    PARTY_READERS,
    PARTY_SENTENCES,
    SUPPORT_SENTENCE,
    fallback_sentence,
    forbidden_in,
    note_faults,
    note_lines,
    party_flows,
    party_reader,
    sentences,
)
from fkstod.core.flows.notes import distinct_notes, walk
from fkstod.core.flows.session import FlowSession
from fkstod.core.vocabulary import BENEFITS, NOT_ASKED_REASONS, OUTCOME_CODES, REFERRAL_CATEGORIES

LIBRARY = load_library()
TODAY = date(2025, 1, 31)


def _walks():
    """Each flow under its own first benefit, and under every party benefit it serves."""
    for flow_id in LIBRARY.ids():
        flow = LIBRARY.get(flow_id)
        benefits = dict.fromkeys(
            [flow.benefits[0], *(b for b in flow.benefits if b in PARTY_READERS)]
        )
        for benefit in benefits:
            yield pytest.param(flow_id, benefit, id=f"{flow_id}@{benefit}")


@pytest.fixture(scope="module")
def walks():
    return {}


def _walk(walks, flow_id, benefit):
    if (flow_id, benefit) not in walks:
        walks[(flow_id, benefit)] = walk(LIBRARY, flow_id, benefit, TODAY)
    return walks[(flow_id, benefit)]


@pytest.mark.parametrize(("flow_id", "benefit"), list(_walks()))
def test_every_note_of_every_path_keeps_the_rule(walks, flow_id, benefit):
    result = _walk(walks, flow_id, benefit)
    assert result.endings
    faults = {
        fault: ending.path
        for ending in result.endings
        for fault in note_faults(
            ending.note,
            party_reader(LIBRARY.get(flow_id), benefit, ending.codes),
            TODAY.isoformat(),
        )
    }
    assert not faults, next(iter(faults.items()))
    for ending in result.endings:
        assert ending.note.splitlines()[0] == f"{HEADING} {TODAY.isoformat()}"
        assert LIBRARY.get(flow_id).title not in ending.note
        assert not any(label in ending.note for label in BENEFITS.values())


@pytest.mark.parametrize(("flow_id", "benefit"), list(_walks()))
def test_every_note_says_at_most_once_that_support_was_offered(walks, flow_id, benefit):
    for ending in _walk(walks, flow_id, benefit).endings:
        said = [s for s in sentences(ending.note) if "stödkontakt" in s.lower()]
        assert len(said) <= 1, (said, ending.path)


def test_support_declined_then_shown_from_the_directory_gives_one_sentence():
    s = FlowSession(LIBRARY, "berattar-om-vald", "sjukpenning")
    while s.step.id != "stod":
        s.choose(0) if s.step.kind == "question" else s.advance()
    s.support_shown("kvinnor")
    s.choose(1)  # "Nej tack": offered, declined
    note = s.note(TODAY)
    assert "Stödkontakter erbjöds." in note
    assert SUPPORT_SENTENCE not in note  # "information was given" would contradict the no


@pytest.mark.parametrize(("flow_id", "benefit"), list(_walks()))
def test_no_sentence_written_on_any_path_names_a_forbidden_topic(walks, flow_id, benefit):
    """Also what the content wrote, before the session let only some of it through."""
    result = _walk(walks, flow_id, benefit)
    assert result.authored or flow_id in ("barn-berors",)
    named = {note: forbidden_in(note) for note in result.authored if forbidden_in(note)}
    assert named == {}


@pytest.mark.parametrize(("flow_id", "benefit"), list(_walks()))
def test_each_global_jump_is_entered_from_each_step_of_the_flow(walks, flow_id, benefit):
    result = _walk(walks, flow_id, benefit)
    flow = LIBRARY.get(flow_id)
    want = {
        (step.id, jump)
        for step in flow.steps
        if not step.is_outcome
        for jump in GLOBAL_JUMPS
        if jump != flow_id
    }
    assert want <= result.jumps_tried


@pytest.mark.parametrize("flow_id", ["underhallsstod-fraga", "aktivitetsersattning-indikation"])
def test_where_another_party_reads_the_file_the_note_does_not_tell_what_was_answered(
    walks, flow_id
):
    flow = LIBRARY.get(flow_id)
    result = _walk(walks, flow_id, flow.benefits[0])
    told = {line for e in result.endings if e.told for line in e.note.splitlines()[1:]}
    untold = {line for e in result.endings if not e.told for line in e.note.splitlines()[1:]}
    assert any(e.told for e in result.endings)
    assert told <= untold
    assert all(line in PARTY_SENTENCES for line in told | untold)


def test_the_flows_where_another_party_reads_the_file():
    assert party_flows(LIBRARY.flows.values()) == [
        "aktivitetsersattning-indikation",
        "underhallsstod-fraga",
    ]


def test_a_disclosure_in_underhallsstod_is_left_to_the_caseworker():
    s = FlowSession(LIBRARY, "underhallsstod-fraga", "underhallsstod")
    s.choose(0)  # can talk
    s.advance()  # informed
    s.choose(1)  # yes: the disclosure flow
    s.support_shown("kvinnor")
    note = s.note(TODAY)
    assert "berättade" not in note
    assert SUPPORT_SENTENCE not in note
    assert note == (
        "Samtalsanteckning 2025-01-31\n"
        "Information om underhållsstöd vid hot och våld lämnades.\n"
        "Frågan om hot och våld ställdes.\n"
    )


def test_any_benefit_where_another_party_reads_the_file_narrows_the_note():
    s = FlowSession(LIBRARY, "berattar-om-vald", "underhallsstod")
    s.choose(0)  # can talk freely
    s.advance()
    assert "berättade" not in s.note(TODAY)
    s = FlowSession(LIBRARY, "berattar-om-vald", "sjukpenning")
    s.choose(0)
    s.advance()
    assert "Personen berättade om våld." in s.note(TODAY)


def test_support_is_never_named_only_that_information_was_given():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    for category in REFERRAL_CATEGORIES:
        s.support_shown(category)
    s.choose(1)  # not now
    note = s.note(TODAY)
    assert SUPPORT_SENTENCE in note
    for label in REFERRAL_CATEGORIES.values():
        assert label.lower() not in note.lower()


def test_the_own_violence_question_left_unanswered_gives_a_neutral_sentence():
    s = FlowSession(LIBRARY, "sjukpenning-fraga", "sjukpenning")
    s.choose(0)
    s.advance()
    s.choose(0)  # no
    s.choose(2)  # will not answer the question about own violence
    assert "ville inte" not in s.note(TODAY)


def test_every_outcome_label_a_note_may_fall_back_on_keeps_the_rule():
    for code in NOTE_SAFE_OUTCOMES:
        assert forbidden_in(fallback_sentence(code)) == [], code


@pytest.mark.parametrize("reason", sorted(NOT_ASKED_REASONS))
def test_a_note_never_says_why_the_question_was_not_asked(reason):
    """ "Violence already known", "not alone", "the interpreter was a relative": each tells a reader."""
    code = f"not_asked_{reason}"
    assert code in NOTE_SAFE_OUTCOMES
    lines = note_lines([], ["not_asked", code], False, "")
    assert lines == ["Frågan om våld ställdes inte vid det här samtalet."]
    assert note_lines([], [code], False, "") == lines
    assert NOT_ASKED_REASONS[reason] not in " ".join(lines)


def test_the_party_code_is_a_flag_and_never_a_sentence():
    assert PARTY_CODE in OUTCOME_CODES
    assert PARTY_CODE not in NOTE_SAFE_OUTCOMES
    flow = LIBRARY.get("fraga-vid-indikation")
    assert party_reader(flow, "ovriga") == ""
    assert party_reader(flow, "ovriga", [PARTY_CODE])


def _indication_with_a_party(disclose: bool) -> FlowSession:
    s = FlowSession(LIBRARY, "fraga-vid-indikation", "ovriga")
    s.advance()  # the signs
    (party,) = [i for i, o in enumerate(s.step.options) if PARTY_CODE in o.codes]
    assert "bostadsbidrag" in s.step.options[party].label
    s.choose(party)
    s.choose(0)  # alone, can talk
    s.choose(0)  # signs of violence in a close relationship
    s.advance()  # open the subject
    if not disclose:
        s.choose(0)
        return s
    s.choose(1)  # yes: the disclosure flow
    s.choose(0)  # can talk freely
    s.advance()
    s.support_shown("kvinnor")
    return s


def test_where_someone_in_the_household_is_a_party_the_indication_note_tells_nothing():
    """Bostadsbidrag: spouses apply together, the partner may read the file."""
    told = _indication_with_a_party(disclose=True)
    assert PARTY_CODE in told.codes() and "disclosed" in told.codes()
    note = told.note(TODAY)
    assert "berättade" not in note
    assert SUPPORT_SENTENCE not in note
    assert note == "Samtalsanteckning 2025-01-31\nFrågan om våld ställdes.\n"
    assert _indication_with_a_party(disclose=False).note(TODAY) == note


def test_every_allowed_sentence_where_another_party_reads_keeps_the_rule():
    for sentence in PARTY_SENTENCES:
        assert forbidden_in(sentence) == [], sentence


@pytest.mark.parametrize("rule", FORBIDDEN, ids=lambda r: r.topic)
def test_every_forbidden_topic_says_why_and_catches_its_own_words(rule):
    assert rule.reason and rule.patterns
    # Every plain stem is caught by its own rule (regular expressions: tried below).
    for stem in [p for p in rule.patterns if not any(c in p for c in "()|?\\")]:
        assert rule in [r for r, _w in forbidden_in(f"Personen nämnde {stem}.")], stem


@pytest.mark.parametrize(
    "sentence",
    [
        "Hedersrelaterat våld togs upp.",
        "Personen berättade om prostitution.",
        "Personen har skyddade personuppgifter.",
        "Barnens situation togs upp i samtalet.",
        "En orosanmälan görs.",
        "Personen berättade att hen har utövat våld.",
        "Information om stöd för att sluta använda våld lämnades.",
        "Akut fara: 112 kontaktades.",
        "Personen ska kontakta polisen.",
        "Numret till Stödlinjen för transpersoner gavs.",
        "Information om stöd för hbtqi-personer lämnades.",
        "Misstanke om våld finns.",
        "Tecken på våld i ärendet.",
    ],
)
def test_sentences_of_each_forbidden_kind_are_caught(sentence):
    assert forbidden_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Frågan om våld ställdes.",
        "Frågan om våld ställdes. Personen berättade inte om våld.",
        "Personen berättade om våld.",
        "Information om stödkontakter lämnades.",
        "Stödkontakter erbjöds. Personen avböjde.",
        "Rådgivning inhämtas internt.",
        "Kontaktvägar stämdes av med personen.",
        "Personen berättade om erfarenheter av våld.",
    ],
)
def test_neutral_sentences_pass(sentence):
    assert forbidden_in(sentence) == []


def _flow_with_note(tmp_path: Path, note: str, benefits: str = '["ovriga"]') -> list:
    path = tmp_path / "test.toml"
    path.write_text(
        f"""id = "test"
title = "Test"
version = "1.0"
benefits = {benefits}
when = "Test."

[[sources]]
id = "s"
title = "Källa"

[[steps]]
id = "fraga"
kind = "question"
title = "Fråga"
say = "Fråga?"
sources = ["s"]

[[steps.options]]
label = "Ja"
next = "slut"
note = "{note}"

[[steps]]
id = "slut"
kind = "outcome"
title = "Slut"
guidance = "Slut."
""",
        encoding="utf-8",
    )
    flow, problems = read_flow_file(path)
    assert flow is not None and not problems
    return [str(p) for p in check_flow(flow)]


def test_lint_names_the_line_the_topic_and_the_reason(tmp_path):
    (problem,) = _flow_with_note(tmp_path, "Frågan ställdes. Barnens situation togs upp.")
    assert problem.startswith(f"{tmp_path / 'test.toml'}:21: ")
    assert "'Barnens situation togs upp.'" in problem
    assert "barnens situation" in problem and "föräldrarna kan läsa akten" in problem


def test_lint_holds_a_flow_where_another_party_reads_to_the_allowed_sentences(tmp_path):
    assert _flow_with_note(tmp_path, "Personen berättade om våld.") == []
    (problem,) = _flow_with_note(tmp_path, "Personen berättade om våld.", '["underhallsstod"]')
    assert "den andra föräldern kan läsa akten" in problem
    assert _flow_with_note(tmp_path, "Frågan om hot och våld ställdes.", '["underhallsstod"]') == []


def test_distinct_notes_gives_each_note_once_with_a_path_that_leads_to_it():
    notes = distinct_notes(LIBRARY, "underhallsstod-fraga", today=TODAY)
    assert len({frozenset(e.note.splitlines()) for e in notes}) == len(notes)
    for ending in notes:
        assert ending.path[0].step == "fore"
        assert ending.path[-1].answer == ""
        assert LIBRARY.get("underhallsstod-fraga").step(ending.path[-1].step).is_outcome


#: The steps replayed by walking every shipped flow, at most: about twice today's
#: (75 000 in 2 623 runs). A walk that grows past it (a loop not cut, runs multiplied
#: by a new jump) would make ``fkstod flows notes`` and these tests slow; counted,
#: not timed, so a busy machine does not fail it.
MOST_STEPS_REPLAYED = 150_000


def test_the_walk_of_every_flow_stays_small():
    replayed = sum(
        len(ending.path)
        for flow_id in LIBRARY.ids()
        for ending in walk(LIBRARY, flow_id, today=TODAY).endings
    )
    assert 0 < replayed <= MOST_STEPS_REPLAYED


def test_a_word_that_only_contains_a_stem_is_not_forbidden():
    assert forbidden_in("Samtalsanteckning: frågan om våld ställdes.") == []
    assert [r.topic for r, _ in forbidden_in("Det fanns tecken på våld.")] == [
        "vad som misstänktes"
    ]
