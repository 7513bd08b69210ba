"""One problem type for every fault in a file, one for every fault in a field."""

from __future__ import annotations

from fkstod.core import lint, problems
from fkstod.core.directory import FieldError, ImportProblem
from fkstod.core.files import FileProblem
from fkstod.core.orosanmalan import FieldProblem as ReportFieldProblem
from fkstod.core.problems import FieldProblem, Problem


def test_a_problem_reads_path_line_message_with_the_column_when_there_is_one():
    assert str(Problem("flows/a.toml", 12, "okänt steg")) == "flows/a.toml:12: okänt steg"
    assert str(Problem("flows/a.toml", 0, "tom fil")) == "flows/a.toml:0: tom fil"
    cell = Problem.in_column("lokal.csv", 3, "Telefon", "ogiltigt nummer")
    assert str(cell) == "lokal.csv:3: Telefon: ogiltigt nummer"
    assert (cell.path, cell.line, cell.column, cell.message) == (
        "lokal.csv",
        3,
        "Telefon",
        "ogiltigt nummer",
    )


def test_problems_sort_by_file_then_line():
    found = [Problem("b", 1, "x"), Problem("a", 9, "y"), Problem("a", 2, "z")]
    assert [(p.path, p.line) for p in sorted(found)] == [("a", 2), ("a", 9), ("b", 1)]


def test_the_old_names_are_the_one_type():
    # Kept for one release so that code written against them still imports.
    assert lint.Problem is Problem
    assert ImportProblem is Problem
    assert FieldError is FieldProblem
    assert issubclass(ReportFieldProblem, FieldProblem)
    assert lint.MAX_SOURCE_BYTES == problems.MAX_SOURCE_BYTES


def test_a_file_fault_becomes_the_same_problem_lint_prints():
    exc = FileProblem("x/flöde.toml", 4, "ogiltig TOML")
    assert exc.problem == Problem("x/flöde.toml", 4, "ogiltig TOML")
    assert str(exc) == "x/flöde.toml:4: ogiltig TOML"


def test_a_report_field_problem_still_names_its_field_in_swedish():
    problem = ReportFieldProblem("barn[1].namn", "skriv barnets namn")
    assert str(problem) == "Barn 2, namn: skriv barnets namn"
    assert problem.blocking
