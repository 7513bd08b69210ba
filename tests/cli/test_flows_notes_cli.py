"""``fkstod flows notes FLOW_ID [--json]`` per the command-line contract, run in-process."""

from __future__ import annotations

import json

from fkstod.cli import main
from fkstod.core.flows import load_library
from fkstod.core.flows.note_rule import HEADING


def test_notes_prints_every_distinct_note_with_a_path(capsys):
    assert main(["flows", "notes", "underhallsstod-fraga"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hot och våld – underhållsstöd (underhallsstod-fraga) kan skriva 6 ")
    assert "Meningar som kan stå i anteckningen (5):" in out
    assert "Anteckning 1 av 6" in out and "Anteckning 6 av 6" in out
    assert "    fore: Kan personen prata fritt? → Nej, eller osäkert" in out
    assert "    inte-nu: Fråga vid ett senare tillfälle\n" in out
    assert "berättade" not in out.split("Anteckning 1 av 6")[0]


def test_notes_json_is_a_list_of_note_and_path(capsys):
    assert main(["flows", "notes", "kan-inte-prata", "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert len(notes) == 3
    for item in notes:
        assert set(item) == {"note", "path"}
        assert item["note"].startswith(HEADING)
        assert [set(step) for step in item["path"]] == [{"step", "answer"}] * len(item["path"])
        assert item["path"][0]["step"] == "byt"
        assert item["path"][-1] == {"step": "klart", "answer": ""}
    assert {n["note"].splitlines()[-1] for n in notes} >= {"En ny tid för samtal är bokad."}


def test_every_note_of_a_flow_is_listed_once_and_follows_its_path(capsys):
    from fkstod.core.flows.session import FlowSession

    library = load_library()
    assert main(["flows", "notes", "sjukpenning-fraga", "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert len({frozenset(n["note"].splitlines()) for n in notes}) == len(notes)
    # Replay one path by its answers: it leads to its note.
    item = next(n for n in notes if len(n["path"]) > 4)
    session = FlowSession(library, "sjukpenning-fraga", "")
    for step in item["path"][:-1]:
        options = [o.label for o in session.step.options]
        if step["answer"] in options:
            session.choose(options.index(step["answer"]))
        else:
            session.advance()
    assert session.finished
    assert session.note().split("\n", 1)[1] == item["note"].split("\n", 1)[1]


def test_notes_of_an_unknown_flow_is_bad_input_in_swedish(capsys):
    assert main(["flows", "notes", "finns-inte"]) == 1
    err = capsys.readouterr().err
    assert "flödet finns-inte finns inte" in err
    assert "Traceback" not in err
