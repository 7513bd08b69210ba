"""fkstod usage export and aggregate, in process."""

import json
from datetime import date

from fkstod import paths
from fkstod.core import store
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.usage import UsageRecorder
from tests.conftest import run_cli, run_fkstod

FLOW = "underhallsstod-fraga"


def seed(folder, month, n=30):
    opened = store.open_store(paths.database_path(folder), MIGRATION_SETS)
    usage = UsageRecorder(opened.db, clock=lambda: month)
    usage.set_content_ids("flow", [FLOW])
    for _ in range(n):
        usage.record("flow_started", flow=FLOW, benefit="underhallsstod")
        usage.record("flow_outcome", flow=FLOW, benefit="underhallsstod", outcome="asked")
    opened.db.close()


def last_month():
    today = date.today()
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return f"{year:04d}-{month:02d}"


def test_export_writes_the_months_and_marks_them_exported(tmp_path):
    data = tmp_path / "data"
    month = last_month()
    seed(data, month)
    out = tmp_path / "ut.json"
    result = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text("utf-8"))
    assert document["months"] == [month]
    assert {c["count"] for c in document["counts"]} == {30}
    assert f"Redan exporterade månader: {month}." in result.stdout
    # Sent again on purpose: the month is named.
    again = run_cli(
        "--data-dir", str(data), "usage", "export", "--out", str(out), "--months", month
    )
    assert again.returncode == 0
    assert "hade exporterats förut" in again.stderr
    assert f"{month} (2 gånger)" in again.stdout


def test_export_refuses_a_bad_month_range(tmp_path):
    result = run_cli(
        "--data-dir",
        str(tmp_path / "d"),
        "usage",
        "export",
        "--out",
        str(tmp_path / "u.json"),
        "--months",
        "2026-13..2026-01",
    )
    assert result.returncode == 1
    assert "ÅÅÅÅ-MM" in result.stderr


def test_aggregate_writes_the_report_and_names_every_skipped_file(tmp_path):
    folder = tmp_path / "exporter"
    folder.mkdir()
    month = last_month()
    for i in range(3):
        data = tmp_path / f"data{i}"
        seed(data, month)
        run_cli("--data-dir", str(data), "usage", "export", "--out", str(folder / f"e{i}.json"))
    (folder / "trasig.json").write_text("{", "utf-8")
    tampered = json.loads((folder / "e0.json").read_text("utf-8"))
    tampered["counts"][0]["count"] += 1
    (folder / "andrad.json").write_text(json.dumps(tampered), "utf-8")
    out = tmp_path / "rapport.csv"
    result = run_cli(
        "--data-dir",
        str(tmp_path / "coord"),
        "usage",
        "aggregate",
        str(folder),
        "--out",
        str(out),
        "--period",
        "quarter",
    )
    assert result.returncode == 1
    assert "trasig.json" in result.stderr
    assert "andrad.json: kontrollsumman stämmer inte" in result.stderr
    assert "3 exporter räknade" in result.stdout
    # Reports of two merges are not protected against each other: said before publishing.
    assert "Rapporter av olika sammanställningar skyddas inte mot varandra" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert ";" in text.splitlines()[0]
    assert "90" in text  # 3 x 30 flows started, shown: far above the threshold


def test_aggregate_writes_a_pdf(tmp_path):
    data = tmp_path / "data"
    seed(data, last_month())
    export = tmp_path / "e.json"
    run_cli("--data-dir", str(data), "usage", "export", "--out", str(export))
    out = tmp_path / "rapport.pdf"
    # In a process of its own, without a display: Qt is started offscreen for the PDF.
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": ""}
    result = run_fkstod(
        "--data-dir",
        str(tmp_path / "c"),
        "usage",
        "aggregate",
        str(export),
        "--out",
        str(out),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_aggregate_of_a_folder_without_exports_says_so_and_writes_nothing(tmp_path):
    folder = tmp_path / "tom"
    folder.mkdir()
    (folder / "läsmig.txt").write_text("inte en export", "utf-8")
    out = tmp_path / "rapport.csv"
    result = run_cli("usage", "aggregate", str(folder), "--out", str(out))
    assert result.returncode == 1
    assert f"{folder}: inga exportfiler (.json)" in result.stderr
    assert "ingen rapport sparades" in result.stderr
    assert not out.exists()


def next_month():
    today = date.today()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return f"{year:04d}-{month:02d}"


def test_export_refuses_a_month_that_has_not_come_and_marks_nothing(tmp_path):
    # The merge refuses such a file; marked exported, the month would later be
    # announced as "exporterats förut" although nothing of it ever went out.
    data = tmp_path / "d"
    seed(data, last_month())
    out = tmp_path / "u.json"
    month = next_month()
    result = run_cli(
        "--data-dir", str(data), "usage", "export", "--out", str(out), "--months", month
    )
    assert result.returncode == 1
    assert f"{month}: månaden har inte kommit ännu" in result.stderr
    assert not out.exists()
    shown = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out))
    assert month not in shown.stdout


def test_export_without_any_counts_says_so_as_the_window_does_and_writes_nothing(tmp_path):
    out = tmp_path / "u.json"
    result = run_cli("--data-dir", str(tmp_path / "ny"), "usage", "export", "--out", str(out))
    assert result.returncode == 1
    assert "Det finns inga antal att exportera ännu" in result.stderr
    assert not out.exists()


def test_aggregate_when_no_file_can_be_counted_names_each_and_writes_no_report(tmp_path):
    folder = tmp_path / "trasiga"
    folder.mkdir()
    (folder / "a.json").write_text("{", "utf-8")
    (folder / "b.json").write_text('{"name": "ett annat program"}', "utf-8")
    out = tmp_path / "rapport.csv"
    result = run_cli("usage", "aggregate", str(folder), "--out", str(out))
    assert result.returncode == 1
    assert "a.json" in result.stderr and "b.json" in result.stderr
    assert "ingen av filerna kunde räknas; ingen rapport sparades" in result.stderr
    assert not out.exists()


def this_month():
    return date.today().strftime("%Y-%m")


def test_export_without_months_sends_only_complete_months_not_sent_before(tmp_path):
    # The month still running is left out: sent now, it would be sent again, with
    # more counts, once it is over, and the coordinator would count it twice.
    data = tmp_path / "d"
    seed(data, last_month())
    seed(data, this_month(), 3)
    out = tmp_path / "u.json"
    first = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert json.loads(out.read_text("utf-8"))["months"] == [last_month()]
    assert "inte slut" not in first.stderr
    # Next time nothing complete is left: nothing is sent, and the message says how
    # to send the running month or a month again on purpose.
    out2 = tmp_path / "u2.json"
    second = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out2))
    assert second.returncode == 1
    assert f"{last_month()} har exporterats förut" in second.stderr
    assert f"--months {this_month()}" in second.stderr
    assert not out2.exists()
    # Named on purpose, the running month goes out, marked as not complete.
    third = run_cli(
        "--data-dir", str(data), "usage", "export", "--out", str(out2), "--months", this_month()
    )
    assert third.returncode == 0, third.stderr
    assert f"{this_month()} är inte slut än" in third.stderr
    assert json.loads(out2.read_text("utf-8"))["months"] == [this_month()]


def test_export_of_only_the_running_month_says_it_is_not_over(tmp_path):
    data = tmp_path / "d"
    seed(data, this_month(), 3)
    out = tmp_path / "u.json"
    result = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out))
    assert result.returncode == 1
    assert "inga hela månader med antal" in result.stderr
    assert f"--months {this_month()}" in result.stderr
    assert not out.exists()


def test_a_month_sent_again_with_more_counts_is_counted_once_in_its_latest_form(tmp_path):
    data = tmp_path / "d"
    month = last_month()
    seed(data, month, 30)
    folder = tmp_path / "exporter"
    folder.mkdir()
    args = ("--data-dir", str(data), "usage", "export", "--months", month, "--out")
    assert run_cli(*args, str(folder / "a.json")).returncode == 0
    seed(data, month, 10)  # more calls counted in the month before it was sent again
    again = run_cli(*args, str(folder / "b.json"))
    assert "samordnaren räknar varje månad en gång" in again.stderr
    out = tmp_path / "rapport.jsonl"
    result = run_cli("usage", "aggregate", str(folder), "--out", str(out), "--period", "year")
    assert result.returncode == 0, result.stderr
    assert "2 exporter räknade" in result.stdout
    assert "1 månad som skickats igen räknad en gång" in result.stdout
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    [started] = [
        r
        for r in rows
        if r["indicator"] == "flows_started" and r["benefit"] == "total" and r["unit"] == "total"
    ]
    assert started["count"] == 40  # not 70


def test_aggregate_names_a_file_in_the_folder_it_did_not_read(tmp_path):
    # An export renamed to .xlsx by hand is not read from a folder: said, not lost unseen.
    folder = tmp_path / "exporter"
    folder.mkdir()
    for i, name in enumerate(("anna.json", "bo.xlsx")):
        data = tmp_path / f"data{i}"
        seed(data, last_month())
        run_cli("--data-dir", str(data), "usage", "export", "--out", str(folder / name))
    out = tmp_path / "rapport.csv"
    result = run_cli("usage", "aggregate", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{folder / 'bo.xlsx'}: lästes inte" in result.stderr
    assert "1 export räknad" in result.stdout
    assert "1 fil i mappen lästes inte (inte .json)" in result.stdout


def test_aggregate_at_a_terminal_shows_how_far_it_has_come(tmp_path, monkeypatch):
    # A long merge (thousands of files) said nothing until it was done; at a terminal
    # it now counts the files read and the periods protected, on one line of stderr.
    import contextlib
    import io

    from fkstod.cli import main

    class Tty(io.StringIO):
        def isatty(self):
            return True

    folder = tmp_path / "exporter"
    folder.mkdir()
    for i in range(3):
        data = tmp_path / f"data{i}"
        seed(data, last_month())
        run_cli("--data-dir", str(data), "usage", "export", "--out", str(folder / f"e{i}.json"))
    err = Tty()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["usage", "aggregate", str(folder), "--out", str(tmp_path / "r.csv")])
    assert code == 0
    text = err.getvalue()
    assert "\rLäser exportfiler: 3 av 3" in text
    assert "Skyddar rapporten: period 1 av 1" in text
    # Not at a terminal (a script, a log): no progress lines.
    quiet = run_cli("usage", "aggregate", str(folder), "--out", str(tmp_path / "r2.csv"))
    assert "Läser exportfiler" not in quiet.stderr


def test_aggregate_stopped_by_ctrl_c_says_so_and_writes_nothing(tmp_path, monkeypatch):
    from fkstod.core.usage import merge

    data = tmp_path / "data"
    seed(data, last_month())
    export = tmp_path / "e.json"
    run_cli("--data-dir", str(data), "usage", "export", "--out", str(export))

    def interrupted(*args, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(merge, "merge_exports", interrupted)
    result = run_cli("usage", "aggregate", str(export), "--out", str(tmp_path / "r.csv"))
    assert result.returncode == 130
    assert "Avbruten: ingen rapport sparades." in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_aggregate_never_writes_its_report_over_an_export_it_reads(tmp_path):
    # "--out exporter/anna.json" wrote the report over a caseworker's export in
    # the folder being merged (only files given by name were protected), and the next
    # merge skipped it as broken: a month lost. A .json file in a folder being read is
    # an input, whether it is there yet or not.
    folder = tmp_path / "exporter"
    folder.mkdir()
    data = tmp_path / "data"
    seed(data, last_month())
    export = folder / "anna.json"
    run_cli("--data-dir", str(data), "usage", "export", "--out", str(export))
    before = export.read_bytes()
    for target in (export, folder / "ny.JSON"):
        args = ("usage", "aggregate", str(folder), "--out", str(target), "--format", "jsonl")
        result = run_cli(*args)
        assert result.returncode == 1
        assert f"{target}: " in result.stderr and "exporter som läses" in result.stderr
        assert "Ingenting har ändrats" in result.stderr
    assert export.read_bytes() == before
    assert not (folder / "ny.JSON").exists()
    # Beside the exports, under another ending, a report is welcome.
    beside = folder / "rapport.csv"
    assert run_cli("usage", "aggregate", str(folder), "--out", str(beside)).returncode == 0
    assert beside.exists()


def test_aggregate_refuses_an_ending_it_does_not_write(tmp_path):
    # "--out rapport.xls" wrote a CSV under Excel's old ending (Excel then warns that the
    # file is not what its name says); without --format, the ending chooses or is refused.
    data = tmp_path / "data"
    seed(data, last_month())
    export = tmp_path / "e.json"
    run_cli("--data-dir", str(data), "usage", "export", "--out", str(export))
    for name in ("rapport.xls", "rapport.docx"):
        result = run_cli("usage", "aggregate", str(export), "--out", str(tmp_path / name))
        assert result.returncode == 2
        assert ".csv, .xlsx, .pdf eller .jsonl" in result.stderr and "--format" in result.stderr
        assert not (tmp_path / name).exists()
    named = tmp_path / "rapport.txt"
    args = ("usage", "aggregate", str(export), "--out", str(named), "--format", "csv")
    assert run_cli(*args).returncode == 0 and named.read_bytes().startswith(b"\xef\xbb\xbf")
    bare = tmp_path / "rapport"
    assert run_cli("usage", "aggregate", str(export), "--out", str(bare)).returncode == 0
