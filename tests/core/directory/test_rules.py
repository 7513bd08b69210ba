"""One set of rules for a directory entry: CSV import, HSDS import and the editor agree.

Each rule of the table runs through all three entry points: a CSV file, an HSDS
package (written from the same values) and ``Directory.validate``, which the
editor calls when Save is pressed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from fkstod.core.directory import Directory, Entry, csvfile, hsds
from fkstod.core.directory.validate import FIELD_NAMES, entry_to_fields
from fkstod.core.files import NOTHING_PROTECTED

GOOD = Entry(
    id="lokal-regel",
    organisation="Kvinnojouren Regelby",
    tjanst="Jourtelefon",
    beskrivning="Stöd och samtal.",
    kategori="kvinnor",
    telefon="040-123 45 67",
    telefontider="mån-fre 9-16",
    webb="https://exempel.se",
    epost="jour@exempel.se",
    senast_verifierad="2026-01-15",
    kalla="Samordnarens samtal",
)

#: (rule, changes to the good entry, field refused, also for the editor)
RULES = [
    ("urlsplit refuses it", {"webb": "http://[x"}, "webb", True),
    ("an IPv6 host never closed", {"webb": "https://[::1"}, "webb", True),
    ("not http or https", {"webb": "javascript:alert(1)"}, "webb", True),
    ("ftp is not the web", {"webb": "ftp://exempel.se"}, "webb", True),
    ("mailto is not the web", {"webb": "mailto:jour@exempel.se"}, "webb", True),
    ("a user in the address", {"webb": "https://bank.se@evil.se"}, "webb", True),
    ("markup in e-mail", {"epost": '"Jour" <jour@exempel.se>'}, "epost", True),
    ("two @", {"epost": "jour@exempel@se.se"}, "epost", True),
    ("a space in e-mail", {"epost": "jour @exempel.se"}, "epost", True),
    ("bidi override", {"organisation": "Jour\u202eenilnajoj"}, "organisation", True),
    # Typed in the editor, marks and isolates are taken out (textrules.without_invisible_marks).
    ("bidi isolate", {"tjanst": "Jour\u2066x\u2069"}, "tjanst", False),
    ("left-to-right mark", {"adress": "Gatan\u200e 1"}, "adress", False),
    ("an escape code", {"beskrivning": "Stöd\x1b[31m"}, "beskrivning", True),
    ("a bell", {"kalla": "a\x07b"}, "kalla", True),  # a NUL refuses the whole file
    ("a claimed shipped id that does not exist", {"id": "nat-finns-inte"}, "id", True),
    ("marked shipped, id not shipped", {"levererad": True}, "id", False),
    (
        "a copy of a shipped entry",
        {"organisation": "Kvinnofridslinjen", "tjanst": "Stödtelefon", "telefon": "020-50 50 50"},
        "organisation",
        True,
    ),
]
ACCEPTED = [
    ("no scheme means https", {"webb": "exempel.se/jour"}),
    ("a Swedish domain", {"webb": "https://länsstyrelsen.se"}),
    ("Swedish letters in e-mail", {"epost": "förnamn.efternamn@kommun.se"}),
    ("a line break in a description", {"beskrivning": "Rad ett\nrad två"}),
]


def _csv(entry: Entry, path: Path) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([csvfile.HEADERS[n] for n in (*FIELD_NAMES, "levererad")])
    fields = entry_to_fields(entry)
    writer.writerow(
        [csvfile.excel_safe(fields[n]) for n in FIELD_NAMES] + ["ja" if entry.levererad else ""]
    )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _hsds(entry: Entry, path: Path) -> Path:
    hsds.write_package([entry], path, NOTHING_PROTECTED)
    return path


def _problems_on_import(memory_db, entry: Entry, tmp_path: Path, writer) -> dict[str, str]:
    directory = Directory(memory_db)
    plan = directory.plan_import(writer(entry, tmp_path / "in"))
    by_header = {h: n for n, h in csvfile.HEADERS.items()}
    return {by_header.get(p.column, p.column): p.message for p in plan.problems}


def _problems_in_editor(memory_db, entry: Entry) -> dict[str, str]:
    values = {k: v for k, v in entry_to_fields(entry).items() if k != "id"}
    result = Directory(memory_db).validate(values, entry.id if entry.id != GOOD.id else "")
    return {} if isinstance(result, Entry) else {p.field: p.message for p in result}


def _changed(changes: dict) -> Entry:
    return replace(GOOD, **changes)


@pytest.mark.parametrize("writer", [_csv, _hsds], ids=["csv", "hsds"])
@pytest.mark.parametrize("rule, changes, field, _editor", RULES, ids=[r[0] for r in RULES])
def test_import_refuses(memory_db, tmp_path, writer, rule, changes, field, _editor):
    problems = _problems_on_import(memory_db, _changed(changes), tmp_path, writer)
    assert field in problems, (rule, problems)


@pytest.mark.parametrize(
    "rule, changes, field", [r[:3] for r in RULES if r[3]], ids=[r[0] for r in RULES if r[3]]
)
def test_the_editor_refuses(memory_db, rule, changes, field):
    problems = _problems_in_editor(memory_db, _changed(changes))
    assert field in problems, (rule, problems)


@pytest.mark.parametrize("writer", [_csv, _hsds], ids=["csv", "hsds"])
@pytest.mark.parametrize("rule, changes", ACCEPTED, ids=[r[0] for r in ACCEPTED])
def test_all_three_accept(memory_db, tmp_path, writer, rule, changes):
    entry = _changed(changes)
    assert _problems_on_import(memory_db, entry, tmp_path, writer) == {}, rule
    assert _problems_in_editor(memory_db, entry) == {}, rule


def test_a_row_marked_shipped_is_checked_like_any_other(memory_db, tmp_path):
    shipped = next(e for e in Directory(memory_db).entries() if e.levererad)
    bad = replace(shipped, webb="http://[x")
    problems = _problems_on_import(memory_db, bad, tmp_path, _csv)
    assert "webb" in problems
    plan = Directory(memory_db).plan_import(_csv(shipped, tmp_path / "ok.csv"))
    assert plan.ok and plan.skipped_shipped == 1


def test_hsds_refuses_a_second_number_and_a_number_for_no_service(memory_db, tmp_path):
    folder = _hsds(GOOD, tmp_path / "paket")
    with (folder / "phone.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(
            "tel-2,lokal-regel,040-765 43 21,voice,\r\ntel-3,finns-inte,040-111 11 11,voice,\r\n"
        )
    problems = Directory(memory_db).plan_import(folder).problems
    text = "\n".join(str(p) for p in problems)
    assert "phone.csv rad 2, 3" in text and "2 telefonnummer" in text
    assert f"{folder / 'phone.csv'}:4: numret hör till tjänsten ”finns-inte”" in text


def test_hsds_has_the_row_cap_of_csv(memory_db, tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 2)
    monkeypatch.setattr(hsds, "MAX_ROWS", 2)
    entries = [replace(GOOD, id=f"lokal-{n}", telefon=f"040-123 45 6{n}") for n in range(3)]
    folder = tmp_path / "paket"
    hsds.write_package(entries, folder, NOTHING_PROTECTED)
    with pytest.raises(csvfile.FileProblem, match="för många rader"):
        Directory(memory_db).plan_import(folder)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_hsds_export_neutralises_formulas_and_import_restores_them(memory_db, tmp_path, start):
    entry = replace(GOOD, beskrivning=f"{start}HYPERLINK(1)", telefon="+46 40 123 45 67")
    folder = (
        hsds.write_package([entry], tmp_path / "paket", NOTHING_PROTECTED) and tmp_path / "paket"
    )
    service = (folder / "service.csv").read_bytes().decode("utf-8")
    assert f"'{start}HYPERLINK" in service
    assert "'+46 40" in (folder / "phone.csv").read_text(encoding="utf-8")
    if start in "\t\r":
        return  # not kept: a description never starts with a tab or a line break
    plan = Directory(memory_db).plan_import(folder)
    assert plan.ok, plan.problems
    assert plan.entries[0].beskrivning == entry.beskrivning
    assert plan.entries[0].telefon == entry.telefon


def test_lint_wants_shipped_ids_to_look_shipped(tmp_path):
    from fkstod.core.lint import check_shipped_directory_csv

    folder = tmp_path / "directory"
    folder.mkdir()
    # Hours, source and date hold, so the id is the only fault.
    shipped = replace(
        GOOD,
        id="lokal-x",
        levererad=True,
        kalla=f"https://regelby.example/jour (sidan daterad {GOOD.senast_verifierad})",
    )
    problems = check_shipped_directory_csv(_csv(shipped, folder / "nationella.csv"))
    assert [p.line for p in problems] == [2]
    assert "nat-" in problems[0].message


def test_the_row_cap_is_written_as_a_swedish_count(tmp_path):
    """'högst 100 000', as every count the app shows; not 'högst 100000'."""
    with pytest.raises(csvfile.FileProblem) as raised:
        csvfile.check_row_count(tmp_path / "lokala.csv", 100_002, csvfile.MAX_ROWS + 1)
    assert "högst 100\u00a0000)" in str(raised.value)
    assert str(raised.value).startswith(f"{tmp_path / 'lokala.csv'}:100002: ")
