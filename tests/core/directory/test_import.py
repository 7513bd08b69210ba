"""Import and export of the directory: one fault per bad file, all or nothing, round trips."""

from __future__ import annotations

import csv
import io

import pytest

from fkstod.core.directory import Directory, DirectoryError, FileProblem, csvfile
from fkstod.core.vocabulary import REFERRAL_CATEGORIES
from tests.conftest import CORE_DATA, run_fkstod

FILES = CORE_DATA / "directory_files"
GOOD = FILES / "lokala.csv"

#: Each bad file has exactly one fault: (line, column, words the message must hold).
BAD_ROWS = {
    "saknar_organisation": (3, "Organisation", "saknas"),
    "fel_telefon": (3, "Telefon", "svenskt telefonnummer"),
    "bokstaver_i_telefon": (3, "Telefon", "bara innehålla siffror"),
    "fel_webbadress": (3, "Webbplats", "ingen webbadress"),
    "fel_epost": (3, "E-post", "ingen e-postadress"),
    "okand_kommunkod": (3, "Kommuner", "okänd kommunkod"),
    "fel_telefontider": (3, "Telefontider", "okänd dag"),
    "fel_tid": (3, "Telefontider", "ogiltig tid"),
    "fel_datum": (3, "Senast verifierad", "inget datum"),
    "datum_i_framtiden": (3, "Senast verifierad", "framtiden"),
    "saknar_datum": (3, "Senast verifierad", "saknas"),
    "okand_kategori": (3, "Kategori", "okänt värde"),
    "okand_malgrupp": (3, "Målgrupper", "okänt värde"),
    "okand_valdsform": (3, "Våldsformer", "okänt värde"),
    "saknar_telefon_och_webb": (3, "Telefon", "telefonnummer eller webbplats"),
    "dubblett_rad": (4, "Organisation", "samma organisation"),
    "dubblett_id": (4, "id", "finns redan på rad 3"),
    "levererat_id": (3, "id", "levererad post"),
    "fel_efter_flerradig_cell": (6, "Telefon", "svenskt telefonnummer"),
    "for_manga_celler": (3, "kolumn 19", "19 celler men rubriken bara 18"),
    "tappad_nolla_telefon": (3, "Telefon", "tappat sin inledande nolla (ska det vara 0701234567?)"),
    "tappad_nolla_kommun": (3, "Kommuner", "tappat sin inledande nolla (ska det vara 0114?)"),
}

#: Files that cannot be read at all: (line, words the message must hold).
BAD_FILES = {
    "okand_kolumn": (1, "okänd kolumn ”Etiketter”"),
    "saknar_organisationskolumn": (1, "Organisation"),
    "latin1": (1, "UTF-8"),
    "binar": (0, "binära data"),
    "arbetsbok": (0, "Excel-arbetsbok"),
    "tom": (1, "tom"),
}


@pytest.fixture
def directory(memory_db) -> Directory:
    return Directory(memory_db)


@pytest.fixture
def imported(directory: Directory) -> Directory:
    directory.apply_import(directory.plan_import(GOOD))
    return directory


def test_every_bad_file_is_covered_by_a_test():
    on_disk = {p.stem for p in (FILES / "bad").glob("*.csv")}
    assert on_disk == set(BAD_ROWS) | set(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_a_bad_row_is_reported_with_line_and_column_and_nothing_changes(imported, name):
    line, column, words = BAD_ROWS[name]
    before = imported.local_entries()
    plan = imported.plan_import(FILES / "bad" / f"{name}.csv")
    assert [(p.line, p.column) for p in plan.problems] == [(line, column)]
    assert words in plan.problems[0].message
    assert str(plan.problems[0]).startswith(f"{FILES / 'bad' / name}.csv:{line}: {column}: ")
    with pytest.raises(DirectoryError):
        imported.apply_import(plan)
    assert imported.local_entries() == before


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_unreadable_file_gets_a_clear_message(directory, name):
    line, words = BAD_FILES[name]
    with pytest.raises(FileProblem) as caught:
        directory.plan_import(FILES / "bad" / f"{name}.csv")
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_huge_file_is_refused_before_it_is_read(directory, tmp_path):
    huge = tmp_path / "stor.csv"
    with huge.open("wb") as f:
        f.truncate(csvfile.MAX_BYTES + 1)  # sparse: costs no disk and no time
    with pytest.raises(FileProblem, match="för stor"):
        directory.plan_import(huge)


def test_every_problem_in_a_file_is_listed(directory, tmp_path):
    text = (FILES / "bad" / "fel_telefon.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    many = tmp_path / "flera.csv"
    many.write_text(
        "\n".join([*lines, lines[2].replace("lokal-x", "lokal-z").replace(";1280;", ";12;")]),
        encoding="utf-8",
    )
    plan = directory.plan_import(many)
    assert [(p.line, p.column) for p in plan.problems] == [
        (3, "Telefon"),
        (4, "Telefon"),
        (4, "Kommuner"),
    ]


def test_a_row_with_too_many_cells_does_not_stop_the_rest_of_the_file(imported, tmp_path):
    lines = (FILES / "bad" / "for_manga_celler.csv").read_text(encoding="utf-8").splitlines()
    wrong_phone = lines[2].replace("lokal-x", "lokal-y").replace(";extra", "")
    wrong_phone = wrong_phone.replace("040-628 04 03", "12")
    path = tmp_path / "blandat.csv"
    path.write_text("\n".join([*lines, wrong_phone]), encoding="utf-8")
    before = imported.local_entries()
    plan = imported.plan_import(path)
    assert [(p.line, p.column) for p in plan.problems] == [(3, "kolumn 19"), (4, "Telefon")]
    assert plan.entries == []
    with pytest.raises(DirectoryError):
        imported.apply_import(plan)
    assert imported.local_entries() == before


def test_lint_lists_a_row_with_too_many_cells_among_the_others(tmp_path):
    bad = FILES / "bad" / "for_manga_celler.csv"
    result = run_fkstod("lint", str(bad))
    assert result.returncode == 1
    assert result.stdout.strip().startswith(f"{bad}:3: kolumn 19: raden har 19 celler")
    from fkstod.core.lint import check_shipped_directory_csv

    shipped = tmp_path / "directory" / "x.csv"
    shipped.parent.mkdir()
    shipped.write_bytes(bad.read_bytes())
    on_line_3 = [p.message for p in check_shipped_directory_csv(shipped) if p.line == 3]
    assert len(on_line_3) == 1 and on_line_3[0].startswith("kolumn 19: raden har 19 celler")


def test_preview_counts_new_changed_and_removed(imported, tmp_path):
    text = GOOD.read_text(encoding="utf-8-sig").splitlines()
    # Drop the men's line (removed), change the social services' hours (changed), add one.
    edited = [line for line in text if not line.startswith("lokal-gbg-man")]
    edited = [line.replace("vardagar 8-12 13-16", "vardagar 8-16") for line in edited]
    edited.append(
        "lokal-ny;Tjejjouren Exempelstaden;;Chatt för tjejer.;kvinnor;;;svenska;1280;unga;alla;"
        "https://exempel.invalid/tjej;;;;;2026-02-02;Samordnaren"
    )
    path = tmp_path / "andrad.csv"
    path.write_text("\r\n".join(edited), encoding="utf-8")
    plan = imported.plan_import(path)
    assert plan.ok, plan.problems
    assert (plan.added, plan.changed, plan.removed) == (
        ["lokal-ny"],
        ["lokal-malmo-soc"],
        ["lokal-gbg-man"],
    )
    assert plan.summary() == "1 ny, 1 ändrad, 1 borttagen (2 oförändrade)"
    imported.apply_import(plan)
    assert imported.get("lokal-gbg-man") is None
    assert imported.get("lokal-malmo-soc").telefontider == "vardagar 8-16"


def test_good_file_imports_with_multiline_text_and_plus46_numbers(imported):
    jour = imported.get("lokal-malmo-jour")
    assert jour.beskrivning.endswith("Ring först – adressen är hemlig.")
    assert "\n" in jour.beskrivning
    assert imported.search("mansjour").entries[0].telefon == "+46 31 390 06 01"
    nameless = [e for e in imported.local_entries() if e.organisation.startswith("Stödcentrum")]
    assert nameless[0].id.startswith("lokal-")
    assert nameless[0].beskrivning.startswith("-Unga")


def test_reimporting_a_file_without_ids_changes_nothing(imported):
    assert imported.plan_import(GOOD).summary() == "0 nya, 0 ändrade, 0 borttagna (4 oförändrade)"


def test_csv_export_opens_in_swedish_excel(imported, tmp_path):
    out = tmp_path / "katalog.csv"
    imported.export(out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;Organisation;")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")[:200]
    # Excel would run a cell that starts with + or - as a formula.
    assert b";'+46 31 390 06 01;" in data
    assert b";'-Unga" in data


@pytest.mark.parametrize("fmt", ["csv", "hsds"])
def test_export_then_import_changes_nothing(imported, tmp_path, fmt):
    out = tmp_path / ("katalog.csv" if fmt == "csv" else "paket")
    count = imported.export(out, fmt)
    assert count == len(imported.entries())
    before = imported.local_entries()
    plan = imported.plan_import(out)
    assert plan.ok, plan.problems
    assert (plan.added, plan.changed, plan.removed) == ([], [], [])
    shipped = len(imported.entries()) - len(before)
    assert plan.unchanged == len(before) and plan.skipped_shipped == shipped
    imported.apply_import(plan)
    assert imported.local_entries() == before


def test_hsds_package_has_a_descriptor_and_the_core_tables(imported, tmp_path):
    import json

    imported.export(tmp_path / "p", "hsds")
    descriptor = json.loads((tmp_path / "p" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in descriptor["resources"]}
    assert {"organization", "service", "phone", "schedule", "language", "service_area"} <= names
    service = (tmp_path / "p" / "service.csv").read_text(encoding="utf-8")
    assert "assured_date" in service.splitlines()[0]
    schedule = (tmp_path / "p" / "schedule.csv").read_text(encoding="utf-8")
    assert "MO,TU,WE,TH,FR" in schedule
    # Hours with no times to split (Terrafem's) keep their words.
    assert "varierar – se webbplats" in schedule


def test_hsds_export_refuses_a_folder_with_other_files_and_writes_nothing(imported, tmp_path):
    (tmp_path / "brev.txt").write_text("mitt", encoding="utf-8")
    with pytest.raises(FileProblem, match="tom mapp"):
        imported.export(tmp_path, "hsds")
    assert [p.name for p in tmp_path.iterdir()] == ["brev.txt"]
    # An earlier package in the folder is replaced, not refused.
    imported.export(tmp_path / "paket", "hsds")
    assert imported.export(tmp_path / "paket", "hsds") == len(imported.entries())


@pytest.mark.parametrize(
    "table", ["schedule", "language", "service_area", "attribute", "phone", "organization"]
)
def test_a_table_the_package_lists_but_lacks_is_refused_and_nothing_changes(
    imported, tmp_path, table
):
    # A package copied without one of its files would otherwise import as if that table
    # were empty: every entry's hours, languages or kommuner dropped without a word.
    imported.export(tmp_path / "paket", "hsds")
    (tmp_path / "paket" / f"{table}.csv").unlink()
    before = imported.local_entries()
    with pytest.raises(FileProblem, match=f"{table}.csv saknas") as raised:
        imported.plan_import(tmp_path / "paket")
    assert str(raised.value).startswith(str(tmp_path / "paket" / f"{table}.csv"))
    assert "datapackage.json" in str(raised.value)
    assert imported.local_entries() == before


def test_a_table_the_package_does_not_list_may_be_left_out(imported, tmp_path):
    import json

    imported.export(tmp_path / "paket", "hsds")
    descriptor_path = tmp_path / "paket" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "accessibility"]
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "paket" / "accessibility.csv").unlink()
    assert imported.plan_import(tmp_path / "paket").ok


def test_cli_export_into_a_folder_with_other_files_is_one_line(tmp_path):
    (tmp_path / "ut").mkdir()
    (tmp_path / "ut" / "brev.txt").write_text("mitt", encoding="utf-8")
    result = run_fkstod(
        "directory",
        "export",
        str(tmp_path / "ut"),
        "--format",
        "hsds",
        env={"FKSTOD_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 1
    assert "tom mapp" in result.stderr and "Traceback" not in result.stderr


def test_apply_import_is_one_transaction(imported, monkeypatch):
    from fkstod.core.directory import service

    plan = imported.plan_import(GOOD)
    before = imported.local_entries()
    calls = []

    def failing_row(entry):
        calls.append(entry)
        if len(calls) == 2:  # the second row fails half way through the insert
            raise RuntimeError("disk full")
        return original(entry)

    original = service._row_to_db
    monkeypatch.setattr(service, "_row_to_db", failing_row)
    with pytest.raises(RuntimeError):
        imported.apply_import(plan)
    monkeypatch.undo()
    assert Directory(imported._db).local_entries() == before


def test_cli_import_of_a_bad_file_prints_every_problem_and_exit_1(tmp_path):
    env = {"FKSTOD_DATA_DIR": str(tmp_path)}
    assert run_fkstod("directory", "import", str(GOOD), env=env).returncode == 0
    bad = FILES / "bad" / "okand_kommunkod.csv"
    result = run_fkstod("directory", "import", str(bad), env=env)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{bad}:3: Kommuner: okänd kommunkod")
    assert "ingenting har ändrats" in result.stderr
    assert "Traceback" not in result.stderr
    found = run_fkstod("directory", "search", "mansjour", "--kommun", "1480", "--json", env=env)
    assert '"id": "lokal-gbg-man"' in found.stdout


def test_cli_import_of_a_binary_file_is_one_line(tmp_path):
    result = run_fkstod(
        "directory",
        "import",
        str(FILES / "bad" / "binar.csv"),
        env={"FKSTOD_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_dry_run_changes_nothing(tmp_path):
    env = {"FKSTOD_DATA_DIR": str(tmp_path)}
    result = run_fkstod("directory", "import", str(GOOD), "--dry-run", env=env)
    assert result.returncode == 0
    assert "4 nya, 0 ändrade, 0 borttagna" in result.stdout
    assert "mansjour" not in run_fkstod("directory", "search", "mansjour", env=env).stdout.lower()


def test_lint_checks_import_files_and_the_shipped_directory(tmp_path):
    bad = FILES / "bad" / "fel_tid.csv"
    result = run_fkstod("lint", str(bad), str(GOOD))
    assert result.returncode == 1
    assert result.stdout.strip() == f"{bad}:3: Telefontider: ogiltig tid 26:00"
    from fkstod.core.lint import check_shipped_directory_csv

    unmarked = tmp_path / "directory" / "x.csv"
    unmarked.parent.mkdir()
    unmarked.write_bytes(GOOD.read_bytes())
    assert any("Levererad" in str(p) for p in check_shipped_directory_csv(unmarked))


def test_a_file_with_kommun_names_imports_and_a_bad_name_has_line_and_column(directory, tmp_path):
    header = GOOD.read_text(encoding="utf-8-sig").splitlines()[0]
    cells = header.split(";")
    row = {
        "Organisation": "Jouren Namnby",
        "Kategori": "kvinnor",
        "Telefon": "018-00 00 00",
        "Kommuner": "Uppsala, Malmo",
        "Senast verifierad": "2026-01-01",
    }
    good = tmp_path / "namn.csv"
    good.write_text(
        header + "\n" + ";".join(row.get(c, "") for c in cells) + "\n", encoding="utf-8"
    )
    plan = directory.plan_import(good)
    assert plan.ok, plan.problems
    directory.apply_import(plan)
    assert {e.kommuner for e in directory.local_entries()} == {("0380", "1280")}
    bad = tmp_path / "fel.csv"
    row["Kommuner"] = "Upps"
    bad.write_text(header + "\n" + ";".join(row.get(c, "") for c in cells) + "\n", encoding="utf-8")
    problems = [str(p) for p in directory.plan_import(bad).problems]
    assert len(problems) == 1 and problems[0].startswith(f"{bad}:2: Kommuner: ")
    assert "Upps" in problems[0]


def test_csv_export_carries_swedish_names_beside_the_codes(imported, tmp_path):
    out = tmp_path / "katalog.csv"
    imported.export(out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    malmo = next(r for r in rows if r["id"] == "lokal-malmo-soc")
    assert malmo["Kategori"] == "socialtjanst"
    assert malmo["Kategori (namn)"] == REFERRAL_CATEGORIES["socialtjanst"]
    assert malmo["Kommuner"] == "1280" and malmo["Kommuner (namn)"] == "Malmö"
    assert list(rows[0])[-4:] == [
        "Kategori (namn)",
        "Målgrupper (namn)",
        "Våldsformer (namn)",
        "Kommuner (namn)",
    ]


def _rewrite(source, target, row_id, **cells):
    text = source.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    for row in rows:
        if row["id"] == row_id:
            row.update(cells)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_bytes(out.getvalue().encode("utf-8-sig"))
    return target


def test_an_edited_name_column_is_never_lost_silently(imported, tmp_path):
    out = tmp_path / "katalog.csv"
    imported.export(out)
    # The coordinator changed the name, not the code: a problem in that column.
    edited = _rewrite(
        out, tmp_path / "andrad.csv", "lokal-malmo-soc", **{"Kommuner (namn)": "Lund"}
    )
    problems = [str(p) for p in imported.plan_import(edited).problems]
    assert len(problems) == 1 and "Kommuner (namn): namnen stämmer inte" in problems[0]
    # Names where the codes are empty are taken as the codes.
    named = _rewrite(
        out, tmp_path / "namn.csv", "lokal-malmo-soc", Kommuner="", **{"Kommuner (namn)": "Lund"}
    )
    plan = imported.plan_import(named)
    assert plan.ok, plan.problems
    assert plan.changed == ["lokal-malmo-soc"]
    imported.apply_import(plan)
    assert imported.get("lokal-malmo-soc").kommuner == ("1281",)
