"""Training cases: the shipped ones walk clean, and lint names every kind of fault at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fkstod.core.flows import load_library
from fkstod.core.lint import lint
from fkstod.core.training import (
    CONVERSATION_STEPS,
    FICTIONAL,
    NOT_REVIEWED,
    cases_folder,
    check_case_file,
    load_cases,
    read_case_file,
)
from fkstod.core.training.model import LIMITS
from tests.conftest import CORE_DATA

FLOWS = load_library()
CASES = load_cases(FLOWS)
SHIPPED = sorted(cases_folder().glob("*.toml"))
GOOD = cases_folder() / "sjukpenning-inget-berattat.toml"


def test_every_shipped_case_lints_clean():
    assert [str(p) for p in lint([cases_folder()])] == []
    assert CASES.unavailable == []


def test_lint_of_all_resources_includes_the_cases(tmp_path, monkeypatch):
    from fkstod.core import lint as lint_module

    checked: list[Path] = []
    real = lint_module._check_case
    monkeypatch.setattr(
        lint_module,
        "CHECKERS",
        [
            (m, (lambda p, real=real: checked.append(p) or real(p)) if c is real else c)
            for m, c in lint_module.CHECKERS
        ],
    )
    assert lint_module.lint() == []
    assert sorted(checked) == SHIPPED


def test_the_cases_cover_the_situations_the_issue_asks_for():
    # One case per situation in issue 13, by id: renaming one is a deliberate change.
    assert {
        "sjukpenning-inget-berattat",
        "sjukpenning-berattar-barn",
        "underhallsstod-langt-tillbaka",
        "aktivitetsersattning-ombud",
        "man-utsatt",
        "samkonad-relation",
        "aldre-vuxet-barn",
        "assistent-funktionsnedsattning",
        "hedersrelaterad-kontroll",
        "exploatering-arbete",
        "utovar-vald",
        "kan-inte-prata",
    } <= set(CASES.cases)
    flows_visited = {p.flow for c in CASES.cases.values() for p in c.path}
    assert {
        "berattar-om-vald",
        "barn-berors",
        "akut-fara",
        "kan-inte-prata",
        "hedersrelaterat-vald",
        "exploatering",
        "utovar-vald",
    } <= flows_visited
    assert {c.benefit for c in CASES.cases.values()} >= {
        "sjukpenning",
        "underhallsstod",
        "aktivitetsersattning",
        "ovriga",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_case_is_fictional_honest_about_review_and_speakable(path):
    case, problems = read_case_file(path)
    assert problems == []
    assert case.story.startswith(FICTIONAL)
    assert case.content_warning
    # Nobody has reviewed these cases yet: they must say so, not pretend.
    assert case.review.by == NOT_REVIEWED and not case.review.done
    assert case.review.text() == "Ej granskad"
    assert {g.step for g in case.goals} <= set(CONVERSATION_STEPS)
    assert case.discussion(), "a case needs discussion questions"
    assert any(p.caller for p in case.path)
    for planned in case.path:
        assert len(planned.caller) <= LIMITS["caller"]
    # No real-looking numbers: no personnummer, phone or address numbers in the story or lines.
    texts = [case.story, case.person.about, *(p.caller for p in case.path)]
    for text in texts:
        assert not re.search(r"\d{3,}|\d+[ -]\d+", text), text


def _write(tmp_path: Path, text: str, name: str = "sjukpenning-inget-berattat") -> Path:
    folder = tmp_path / "cases"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# (name, text replaced, replacement, words of the message, the fragment whose line it names)
BROKEN = [
    (
        "a step that does not exist",
        'step = "sjalv"',
        'step = "finns-inte"',
        "steget 'finns-inte' finns inte i flödet 'sjukpenning-fraga'",
        'step = "finns-inte"',
    ),
    (
        "a path through a real step the flow does not lead to",
        'step = "ramar"',
        'step = "skal"',
        "vägen når sjukpenning-fraga:ramar här, men fallet säger sjukpenning-fraga:skal",
        'step = "skal"',
    ),
    (
        "an answer number the step does not have",
        'answer = 1\ncaller = "Ja, jag är hemma',
        'answer = 9\ncaller = "Ja, jag är hemma',
        "svar 9 finns inte i steget 'fore'",
        "answer = 9",
    ),
    (
        "an answer label the step does not have",
        'answer = "Nej"\ncaller = "Nej, inget',
        'answer = "Kanske"\ncaller = "Nej, inget',
        "svaret 'Kanske' finns inte i steget 'fraga'",
        'answer = "Kanske"',
    ),
    (
        "an answer on a step that is not a question",
        'step = "ramar"\n',
        'step = "ramar"\nanswer = 1\n',
        "är inte en fråga",
        'answer = 1\ncaller = "Jaha',
    ),
    (
        "a question without an answer",
        'step = "fore"\nanswer = 1\n',
        'step = "fore"\n',
        "är en fråga: answer saknas",
        'step = "fore"',
    ),
    (
        "a path that stops before an outcome",
        '[[path]]\nstep = "avslut"\ncaller = "Tack själv. Hej då."\n'
        'trainer = "Visa anteckningen: den säger bara att frågan ställdes och att inget '
        'berättades."\n',
        "",
        "vägen slutar efter ett svar som aldrig ges",
        'answer = "Nej"\ncaller = "Nej. Aldrig."',
    ),
    (
        "a line for a step in a jump flow that does not exist",
        '[[path]]\nstep = "avslut"',
        '[[path]]\nflow = "berattar-om-vald"\nstep = "finns-inte"\ncaller = "Hej."\n\n'
        '[[path]]\nstep = "avslut"',
        "steget 'finns-inte' finns inte i flödet 'berattar-om-vald'",
        'step = "finns-inte"',
    ),
    (
        "a jump that is not a global jump",
        'step = "ramar"\n',
        'step = "ramar"\njump = "exploatering"\n',
        "inget av de globala hoppen",
        'jump = "exploatering"',
    ),
    (
        "a learning goal outside the ten steps",
        "step = 9\ntext",
        "step = 11\ntext",
        "ett av de tio stegen",
        "step = 11",
    ),
    (
        "an unknown key",
        'trainer = "Lyssna efter',
        'tranier = "Lyssna efter',
        "okänd nyckel 'tranier'",
        "tranier",
    ),
    (
        "a review date on a case nobody reviewed",
        'reviewed_by = "ej granskad"',
        'reviewed_by = "ej granskad"\nreviewed_on = 2025-01-10',
        "har inget granskningsdatum",
        "reviewed_on",
    ),
    (
        "a reviewer without a date",
        'reviewed_by = "ej granskad"',
        'reviewed_by = "Utbildningsgruppen"',
        "reviewed_on saknas",
        None,
    ),
    (
        "a story that does not say it is fictional",
        'story = """Fiktivt fall. Vera',
        'story = """Vera',
        "story ska börja med",
        'story = """Vera',
    ),
    (
        "a benefit the flow does not serve",
        'benefit = "sjukpenning"',
        'benefit = "underhallsstod"',
        "flödet 'sjukpenning-fraga' gäller",
        'benefit = "underhallsstod"',
    ),
    (
        "a flow that does not exist",
        'flow = "sjukpenning-fraga"',
        'flow = "finns-inte"',
        "flow 'finns-inte': det finns inget sådant flöde",
        'flow = "finns-inte"',
    ),
    (
        "a jump flow as the case's flow",
        'flow = "sjukpenning-fraga"',
        'flow = "akut-fara"',
        "är ett hopp, inte ett samtal",
        'flow = "akut-fara"',
    ),
    (
        "a missing required field",
        'content_warning = "Frågor om våld i ett vanligt samtal om sjukskrivning. '
        'Inget våld beskrivs."\n',
        "",
        "content_warning saknas",
        None,
    ),
    (
        "a caller line too long to say",
        'caller = "Nej. Aldrig."',
        'caller = "' + "Nej. " * 50 + '"',
        "caller: 249 tecken, högst 200",
        'caller = "Nej. Nej.',
    ),
    (
        "stop on a step that is not the last",
        'step = "ramar"\n',
        'step = "ramar"\nstop = true\n',
        "stop = true på ett steg som inte är det sista",
        "stop = true",
    ),
    (
        "a path that goes on after the flow's end",
        'trainer = "Visa anteckningen',
        'trainer = "x"\n\n[[path]]\nstep = "fore"\nanswer = 1\n\n[[path]]\nstep = "avslut"\n#',
        "fallet fortsätter efter flödets slut",
        'step = "avslut"',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message", "at"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_lint_names_a_broken_case_at_its_line(tmp_path, old, new, message, at):
    good = GOOD.read_text(encoding="utf-8")
    assert old in good
    text = good.replace(old, new, 1)
    path = _write(tmp_path, text)
    problems = check_case_file(path)
    assert problems, "the fault was not found"
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    if at is not None:
        wanted = _line_of(text, at)
        assert wanted in [p.line for p in problems if message in p.message], [
            str(p) for p in problems
        ]
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_a_case_file_that_is_not_toml_is_one_problem_with_its_line(tmp_path):
    path = _write(tmp_path, 'id = "x"\ntitle = \n')
    problems = check_case_file(path)
    assert len(problems) == 1 and problems[0].line == 2


def test_the_file_name_must_be_the_id(tmp_path):
    path = _write(tmp_path, GOOD.read_text(encoding="utf-8"), name="annat-namn")
    assert any("samma som filnamnet" in p.message for p in check_case_file(path))


def test_a_reviewed_case_shows_who_and_when(tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace(
        'reviewed_by = "ej granskad"',
        'reviewed_by = "Utbildningsgruppen"\nreviewed_on = 2025-01-10',
    )
    path = _write(tmp_path, text)
    assert check_case_file(path) == []
    case, _problems = read_case_file(path)
    assert case.review.done
    assert case.review.text() == "Granskad av Utbildningsgruppen, 2025-01-10"


def test_a_case_beside_a_broken_flow_says_the_flow_cannot_be_used(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    for source in (CORE_DATA / "flows_fixture").glob("*.toml"):
        (flows / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (flows / "sjukpenning-fraga.toml").write_text("id = ", encoding="utf-8")
    path = _write(tmp_path, GOOD.read_text(encoding="utf-8"))
    assert any("har fel och kan inte användas" in p.message for p in check_case_file(path))


def test_load_cases_keeps_the_good_and_lists_the_broken(tmp_path):
    _write(tmp_path, GOOD.read_text(encoding="utf-8"))
    _write(tmp_path, "id = ", name="trasig")
    library = load_cases(FLOWS, tmp_path / "cases")
    assert list(library.cases) == ["sjukpenning-inget-berattat"]
    assert [Path(u.path).name for u in library.unavailable] == ["trasig.toml"]
    assert library.unavailable[0].problems


def test_the_self_test_replays_every_case():
    from fkstod.core import selftest

    assert str(len(SHIPPED)) in selftest._check_cases()


def test_the_example_in_the_format_description_is_a_valid_case(tmp_path):
    text = (cases_folder() / "FORMAT.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = _write(tmp_path, example, name="exempel")
    assert [str(p) for p in check_case_file(path)] == []
