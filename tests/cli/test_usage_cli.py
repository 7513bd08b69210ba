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
    again = run_cli("--data-dir", str(data), "usage", "export", "--out", str(out))
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


def test_an_export_with_no_months_says_so_in_whole_words(tmp_path):
    out = tmp_path / "ut.json"
    result = run_cli("--data-dir", str(tmp_path / "data"), "usage", "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == f"{out}: 0 antal, inga månader"  # not "0 antal från " and nothing
