"""Read a case file (TOML) into the model, with ``path:line: message`` for every fault.

Shape and types only, with the line index and reader the flow loader uses; the
planned path is checked against the flows by :mod:`fkstod.core.training.lint`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fkstod import paths
from fkstod.core import files
from fkstod.core.flows.loader import LineIndex, Reader
from fkstod.core.i18n import _
from fkstod.core.parse import ParseError, parse_toml
from fkstod.core.problems import MAX_SOURCE_BYTES, Problem
from fkstod.core.training.model import (
    FICTIONAL,
    LIMITS,
    NOT_REVIEWED,
    Case,
    LearningGoal,
    Person,
    PlannedStep,
    Review,
)

CASE_KEYS = {
    "id",
    "title",
    "benefit",
    "flow",
    "content_warning",
    "story",
    "questions",
    "trainer_notes",
    "reviewed_by",
    "reviewed_on",
}
CASE_TABLES = {"person", "goals", "path"}
PERSON_KEYS = {"name", "age", "place", "about"}
GOAL_KEYS = {"step", "text"}
PATH_KEYS = {"flow", "step", "answer", "jump", "caller", "trainer", "questions", "stop"}
REQUIRED = ("title", "benefit", "flow", "content_warning", "story", "reviewed_by")


class _CaseReader(Reader):
    """The flow reader, plus whole numbers, dates and length limits."""

    def limited(self, table: dict, key: str, where: tuple, limit: str, *, required=False) -> str:
        value = self.text(table, key, where, required=required)
        self.check_length(value, (*where, key), limit)
        return value

    def check_length(self, value: str, where: tuple, limit: str) -> None:
        if len(value) > LIMITS[limit]:
            self.fault(
                where,
                _("{key}: {n} tecken, högst {cap}").format(
                    key=where[-1], n=len(value), cap=LIMITS[limit]
                ),
            )

    def number(self, table: dict, key: str, where: tuple) -> int | None:
        value = table.get(key)
        if value is None:
            self.fault(where, _("{key} saknas").format(key=key))
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fault((*where, key), _("{key} ska vara ett heltal").format(key=key))
            return None
        return value

    def day(self, table: dict, key: str, where: tuple) -> dt.date | None:
        value = table.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.fault((*where, key), _("{key} ska vara ett datum, ÅÅÅÅ-MM-DD").format(key=key))
            return None
        return value


def parse_case_text(text: str, path: str) -> tuple[Case | None, list[Problem]]:
    """Parse the text of a case file; return the case (None if unreadable) and faults."""
    try:
        data = parse_toml(text, path)
    except ParseError as exc:
        return None, [exc.problem]
    r = _CaseReader(path, LineIndex(text))
    r.unknown_keys(data, CASE_KEYS | CASE_TABLES, ())
    for key in REQUIRED:
        if key not in data:
            r.fault((), _("{key} saknas").format(key=key))
    flow = r.ident(data, "flow", ())
    story = r.limited(data, "story", (), "story")
    if story and not story.startswith(FICTIONAL):
        r.fault(("story",), _("story ska börja med ”{mark}”").format(mark=FICTIONAL))
    case = Case(
        id=r.ident(data, "id", ()),
        title=r.limited(data, "title", (), "title"),
        benefit=r.text(data, "benefit", ()),
        flow=flow,
        content_warning=r.limited(data, "content_warning", (), "content_warning"),
        person=_person(r, data),
        story=story,
        path=tuple(
            _planned(r, raw, ("path", i), flow) for i, raw in enumerate(r.tables(data, "path", ()))
        ),
        goals=tuple(
            _goal(r, raw, ("goals", i)) for i, raw in enumerate(r.tables(data, "goals", ()))
        ),
        questions=_questions(r, data, ()),
        trainer_notes=r.limited(data, "trainer_notes", (), "trainer_notes"),
        review=_review(r, data),
        file=path,
        lines=r.lines(data, ()),
    )
    if not case.path:
        r.fault((), _("[[path]] saknas: fallet behöver en planerad väg"))
    if not case.goals:
        r.fault((), _("[[goals]] saknas: minst ett lärandemål"))
    if case.id and Path(path).stem != case.id:
        r.fault(("id",), _("id {id!r} ska vara samma som filnamnet").format(id=case.id))
    return case, r.problems


def _questions(r: _CaseReader, table: dict, where: tuple) -> tuple[str, ...]:
    questions = r.texts(table, "questions", where)
    for text in questions:
        r.check_length(text, (*where, "questions"), "question")
        if not text:
            r.fault((*where, "questions"), _("questions: en fråga är tom"))
    return questions


def _person(r: _CaseReader, data: dict) -> Person:
    raw = data.get("person")
    if not isinstance(raw, dict):
        r.fault(("person",), _("[person] saknas eller är inte en tabell"))
        return Person("", 0, "")
    where = ("person",)
    r.unknown_keys(raw, PERSON_KEYS, where)
    age = r.number(raw, "age", where)
    if age is not None and not 0 < age < 120:
        r.fault((*where, "age"), _("age {n}: ska vara 1–119").format(n=age))
    return Person(
        name=r.limited(raw, "name", where, "person", required=True),
        age=age or 0,
        place=r.limited(raw, "place", where, "person", required=True),
        about=r.limited(raw, "about", where, "story"),
    )


def _goal(r: _CaseReader, raw: dict, where: tuple) -> LearningGoal:
    r.unknown_keys(raw, GOAL_KEYS, where)
    step = r.number(raw, "step", where)
    if step is not None and not 1 <= step <= 10:
        r.fault(
            (*where, "step"),
            _("step {n}: ett av de tio stegen i ett bra samtal, 1–10").format(n=step),
        )
    text = r.limited(raw, "text", where, "goal", required=True)
    return LearningGoal(step or 0, text, r.index.line(*where))


def _planned(r: _CaseReader, raw: dict, where: tuple, main_flow: str) -> PlannedStep:
    r.unknown_keys(raw, PATH_KEYS, where)
    answer = raw.get("answer")
    if answer is not None and (
        isinstance(answer, bool) or not isinstance(answer, int | str) or answer == ""
    ):
        r.fault((*where, "answer"), _("answer ska vara svarets nummer (1–9) eller dess text"))
        answer = None
    if isinstance(answer, str):
        answer = answer.strip()
    jump = r.text(raw, "jump", where)
    if answer is not None and jump:
        r.fault((*where, "jump"), _("ett steg har antingen answer eller jump, inte båda"))
    caller = r.limited(raw, "caller", where, "caller")
    trainer = r.limited(raw, "trainer", where, "trainer")
    return PlannedStep(
        flow=r.ident(raw, "flow", where) if "flow" in raw else main_flow,
        step=r.ident(raw, "step", where),
        answer=answer,
        jump=jump,
        caller=caller,
        trainer=trainer,
        questions=_questions(r, raw, where),
        stop=r.flag(raw, "stop", where),
        line=r.index.line(*where),
        lines=r.lines(raw, where),
    )


def _review(r: _CaseReader, data: dict) -> Review:
    by = r.text(data, "reviewed_by", ())
    on = r.day(data, "reviewed_on", ())
    if by == NOT_REVIEWED:
        if on is not None:
            r.fault(
                ("reviewed_on",),
                _("reviewed_on: ett fall som är ”{not_}” har inget granskningsdatum").format(
                    not_=NOT_REVIEWED
                ),
            )
        return Review(NOT_REVIEWED)
    if by and on is None:
        r.fault((), _("reviewed_on saknas: när granskade {by} fallet?").format(by=by))
    if on is not None and on > dt.date.today():
        r.fault(("reviewed_on",), _("reviewed_on {d}: ett datum framåt i tiden").format(d=on))
    return Review(by or NOT_REVIEWED, on if by else None)


def read_case_file(path: Path) -> tuple[Case | None, list[Problem]]:
    """Read and parse one case file; unreadable files are a fault, not an exception."""
    try:
        text = files.read_text(path, MAX_SOURCE_BYTES)
    except files.FileProblem as exc:
        return None, [Problem(exc.path, exc.line, exc.message)]
    return parse_case_text(text, str(path))


def cases_folder() -> Path:
    """Return the folder of the shipped cases."""
    return paths.resource("cases")
