"""Export, merge, indicators and outputs of the usage counts, end to end in core."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from fkstod.core.files import NOTHING_PROTECTED, UTF8_BOM
from fkstod.core.usage import METRICS, UsageRecorder
from fkstod.core.usage.export import (
    ExportNotMarked,
    ExportProblem,
    StaleExport,
    build_export,
    canonical_bytes,
    checksum,
    default_months,
    exported_months,
    month_range,
    serialise_export,
    write_export,
)
from fkstod.core.usage.indicators import MARK, TOTAL, build_report, period_of
from fkstod.core.usage.merge import merge_exports
from fkstod.core.usage.outputs import to_csv, to_jsonl, to_xlsx, write_report
from fkstod.core.usage.units import Unit, UnitsProblem, parse_threshold, parse_units, shipped_units

UNITS = (Unit("syd", "Region syd"), Unit("nord", "Region nord"))
FLOWS = {"flow": ["fraga-vid-indikation"]}
TODAY = lambda: date(2026, 12, 1)  # noqa: E731


def example_labels(metric):
    values = {"flow": "fraga-vid-indikation"}
    return {
        label.name: values.get(label.name) or sorted(label.values)[0]
        for label in METRICS[metric].labels
    }


def recorded(db, month="2026-11", times=1):
    recorder = UsageRecorder(db, clock=lambda: month)
    recorder.set_content_ids("flow", FLOWS["flow"])
    for _ in range(times):
        recorder.record("flow_started", flow="fraga-vid-indikation", benefit="sjukpenning")
        recorder.record(
            "flow_outcome", flow="fraga-vid-indikation", benefit="sjukpenning", outcome="asked"
        )
    return recorder


def export(db, **kw):
    return build_export(
        db, app_version="0.1.0", content_version="2026.11", content_ids=FLOWS, units=UNITS, **kw
    )


# -- counting gaps and training ------------------------------------------------------------


def test_training_mode_counts_nothing_for_every_metric(memory_db):
    recorder = UsageRecorder(memory_db, training=True)
    recorder.set_content_ids("flow", FLOWS["flow"])
    for metric in METRICS:
        assert recorder.record(metric, **example_labels(metric)) is None
    assert recorder.counts() == []
    assert memory_db.execute("SELECT count(*) FROM usage_counts").fetchone()[0] == 0


def test_every_metric_records_outside_training(memory_db):
    recorder = UsageRecorder(memory_db)
    recorder.set_content_ids("flow", FLOWS["flow"])
    for metric in METRICS:
        assert recorder.record(metric, **example_labels(metric)).count == 1


def test_the_counting_gaps_have_metrics():
    assert {"benefit", "flow"} <= METRICS["case_note_copied"].label_names()
    assert "benefit" in METRICS["orosanmalan_created"].label_names()
    # Support offered is counted with the call's flow: a plain directory search has none.
    assert {"flow", "benefit", "category"} == METRICS["support_offered_in_call"].label_names()


# -- units -----------------------------------------------------------------------------------


def test_shipped_units_are_valid_and_the_threshold_is_five():
    assert shipped_units()
    from fkstod.core.config import config

    assert parse_threshold(config()["statistik"]) == 5


@pytest.mark.parametrize(
    "units",
    [
        [{"kod": "Syd!", "namn": "x"}],
        [{"kod": "syd", "namn": ""}],
        [{"kod": "syd", "namn": "a"}, {"kod": "syd", "namn": "b"}],
        [{"kod": "syd"}],
        "syd",
    ],
)
def test_bad_unit_lists_are_refused_in_swedish(units):
    with pytest.raises(UnitsProblem, match=r"config\.toml"):
        parse_units({"enheter": units})


# -- export ----------------------------------------------------------------------------------


def test_export_holds_counts_months_versions_and_a_checksum(memory_db):
    recorded(memory_db)
    doc = export(memory_db, unit="syd")
    assert doc["months"] == ["2026-11"] and doc["unit"] == "syd"
    assert doc["sha256"] == checksum(doc)
    assert {c["metric"] for c in doc["counts"]} == {"flow_started", "flow_outcome"}
    assert all(c["count"] == 1 and c["month"] == "2026-11" for c in doc["counts"])


def test_canonical_content_is_sorted_compact_utf8_without_the_checksum():
    doc = {"b": 1, "a": {"ö": "å", "c": [1, 2]}, "sha256": "x"}
    assert canonical_bytes(doc) == '{"a":{"c":[1,2],"ö":"å"},"b":1}'.encode()


def test_two_exports_differ_only_in_id_and_checksum(memory_db, tmp_path):
    recorded(memory_db)
    a = export(memory_db)
    write_export(tmp_path / "a.json", a, memory_db, NOTHING_PROTECTED)
    b = export(memory_db)
    assert a["export_id"] != b["export_id"]
    # A month keeps the id it first went out with: the merge counts it once.
    assert {k: v for k, v in a.items() if k not in {"export_id", "sha256"}} == {
        k: v for k, v in b.items() if k not in {"export_id", "sha256"}
    }
    assert len({a["export_id"], *a["month_ids"].values()}) == 2


def test_an_export_built_before_another_of_its_month_was_saved_is_refused(memory_db, tmp_path):
    recorded(memory_db)
    shown, other = export(memory_db), export(memory_db)  # two fresh ids for 2026-11
    write_export(tmp_path / "a.json", other, memory_db, NOTHING_PROTECTED)
    with pytest.raises(StaleExport, match="Öppna exporten på nytt"):
        write_export(tmp_path / "b.json", shown, memory_db, NOTHING_PROTECTED)
    assert not (tmp_path / "b.json").exists()
    assert exported_months(memory_db) == {"2026-11": 1}


def test_export_refuses_a_unit_not_on_the_list_and_a_bad_month(memory_db):
    with pytest.raises(ExportProblem, match="enheten"):
        export(memory_db, unit="fritext")
    with pytest.raises(ExportProblem, match="ÅÅÅÅ-MM"):
        export(memory_db, months=["2026-13"])


def test_exporting_chosen_months_and_remembering_them(memory_db, tmp_path):
    recorded(memory_db, "2026-10")
    recorded(memory_db, "2026-11")
    doc = export(memory_db, months=month_range("2026-11", "2026-12"))
    assert doc["months"] == ["2026-11", "2026-12"]
    assert {c["month"] for c in doc["counts"]} == {"2026-11"}
    assert exported_months(memory_db) == {}
    write_export(tmp_path / "ut.json", doc, memory_db, NOTHING_PROTECTED)
    write_export(tmp_path / "ut2.json", doc, memory_db, NOTHING_PROTECTED)
    assert exported_months(memory_db) == {"2026-11": 2, "2026-12": 2}
    assert json.loads((tmp_path / "ut.json").read_bytes()) == doc


def test_the_default_months_are_the_complete_ones_not_exported(memory_db):
    counted = ["2026-09", "2026-10", "2026-11", "2026-12"]
    assert default_months(counted, {"2026-09": 1}, "2026-12") == ["2026-10", "2026-11"]
    assert default_months(["2026-12"], {}, "2026-12") == []
    # No month chosen is an export of no month, not of every month.
    recorded(memory_db, "2026-11")
    doc = export(memory_db, months=[])
    assert doc["months"] == [] and doc["counts"] == []


def test_an_export_whose_months_cannot_be_marked_writes_no_file(memory_db, tmp_path):
    # A write-protected database: the months cannot be marked as exported. A file
    # written all the same, beside "nothing was saved", would be sent again later
    # and its months counted twice by the coordinator.
    from fkstod.core.store import StoreError

    recorded(memory_db, "2026-11")
    doc = export(memory_db, months=["2026-11"])
    memory_db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError):
        write_export(tmp_path / "ut.json", doc, memory_db, NOTHING_PROTECTED)
    assert list(tmp_path.iterdir()) == []
    memory_db.execute("PRAGMA query_only = OFF")
    assert exported_months(memory_db) == {}


def refuse_the_commit_after_the_file(db, monkeypatch, tmp_path, why):
    """Make ``db`` refuse to commit any transaction that ends after a file was written there.

    A full disk when the log grows, or a database locked by another program: the
    file is there, and what the transaction wrote is rolled back.
    """
    from contextlib import contextmanager

    from fkstod.core.store import StoreError

    real = db.transaction

    @contextmanager
    def refused_at_commit():
        before = set(tmp_path.iterdir())
        with real() as conn:
            savepoint = "refused"
            conn.execute(f"SAVEPOINT {savepoint}")
            yield conn
            if set(tmp_path.iterdir()) == before:
                conn.execute(f"RELEASE {savepoint}")
                return
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
        raise StoreError(why)

    monkeypatch.setattr(db, "transaction", refused_at_commit)


def test_an_export_written_but_not_marked_says_where_the_file_is(memory_db, tmp_path, monkeypatch):
    recorded(memory_db, "2026-11")
    doc = export(memory_db, months=["2026-11"])
    refuse_the_commit_after_the_file(
        memory_db, monkeypatch, tmp_path, "Det gick inte att spara (disken är full)."
    )
    with pytest.raises(ExportNotMarked) as caught:
        write_export(tmp_path / "ut.json", doc, memory_db, NOTHING_PROTECTED)
    assert (tmp_path / "ut.json").exists()
    assert str(tmp_path / "ut.json") in str(caught.value)
    assert "antecknas" in str(caught.value) and "disken är full" in str(caught.value)
    assert exported_months(memory_db) == {}


@pytest.mark.parametrize(
    "why", ["Det gick inte att spara (disken är full).", "databasen är låst av ett annat program"]
)
def test_a_month_whose_marking_failed_keeps_its_id_and_is_counted_once(
    memory_db, tmp_path, monkeypatch, why
):
    # The file went out but the months were not marked: the caseworker sends the
    # month again. It must carry the same month id, or the merge counts it twice.
    from fkstod.core.usage.export import month_ids

    recorded(memory_db, "2026-11", times=5)
    first = export(memory_db, months=["2026-11"])
    with monkeypatch.context() as patch:
        refuse_the_commit_after_the_file(memory_db, patch, tmp_path, why)
        with pytest.raises(ExportNotMarked):
            write_export(tmp_path / "forsta.json", first, memory_db, NOTHING_PROTECTED)
    assert month_ids(memory_db) == first["month_ids"]
    assert default_months(["2026-11"], exported_months(memory_db), "2026-12") == ["2026-11"]
    recorded(memory_db, "2026-11", times=2)
    again = export(memory_db, months=["2026-11"])
    assert again["month_ids"] == first["month_ids"]
    write_export(tmp_path / "igen.json", again, memory_db, NOTHING_PROTECTED)
    result = merge_exports([tmp_path], content_ids=FLOWS, units=UNITS, today=TODAY)
    assert result.merged == 2 and result.replaced == 1
    started = [n for key, n in result.cells.items() if key[2] == "flow_started"]
    assert started == [7]


def test_month_range_spans_years():
    assert month_range("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    with pytest.raises(ExportProblem):
        month_range("2026-02", "2025-11")


# -- merge -----------------------------------------------------------------------------------


def write_doc(path, doc):
    path.write_bytes(serialise_export(doc))
    return path


def merge(paths, **kw):
    return merge_exports(paths, content_ids=FLOWS, units=UNITS, today=TODAY, **kw)


def test_merge_sums_good_files_and_counts_one_export_once(memory_db, tmp_path):
    recorded(memory_db, times=3)
    doc = export(memory_db, unit="syd")
    a = write_doc(tmp_path / "a.json", doc)
    b = write_doc(tmp_path / "b.json", doc)  # the same export, given twice
    c = write_doc(tmp_path / "c.json", export(memory_db, unit="nord"))
    seen = []
    result = merge([a, b, c], progress=lambda done, total: seen.append((done, total)))
    assert result.merged == 2 and result.duplicates == [str(b)] and not result.skipped
    assert seen == [(1, 3), (2, 3), (3, 3)]
    started = {k: n for k, n in result.cells.items() if k[2] == "flow_started"}
    assert sorted((k[1], n) for k, n in started.items()) == [("nord", 3), ("syd", 3)]


def flows_started(result):
    return sum(n for k, n in result.cells.items() if k[2] == "flow_started")


@pytest.mark.parametrize("order", ["earlier first", "later first"])
def test_a_month_exported_twice_by_one_caseworker_is_counted_once(memory_db, tmp_path, order):
    # The running month sent on the 1st, then again once over, and the month
    # before sent once more by mistake in a range: each month counts once, in its
    # latest version (the one with the most counts: a month's counts only grow).
    recorded(memory_db, "2026-10", times=4)
    recorded(memory_db, "2026-11", times=2)
    early = export(memory_db, months=["2026-10", "2026-11"])
    write_export(tmp_path / "tidig.json", early, memory_db, NOTHING_PROTECTED)
    recorded(memory_db, "2026-11", times=5)  # November goes on
    late = export(memory_db, months=["2026-10", "2026-11"])
    write_export(tmp_path / "sen.json", late, memory_db, NOTHING_PROTECTED)
    assert early["export_id"] != late["export_id"]
    assert early["month_ids"] == late["month_ids"]
    files = [tmp_path / "tidig.json", tmp_path / "sen.json"]
    if order == "later first":
        files.reverse()
    result = merge(files)
    assert not result.skipped and result.merged == 2
    by_month = {}
    for key, n in result.cells.items():
        if key[2] == "flow_started":
            by_month[key[0]] = by_month.get(key[0], 0) + n
    assert by_month == {"2026-10": 4, "2026-11": 7}
    assert result.replaced == 2  # two months were in a file already counted
    # A copy of a file given as well changes nothing.
    assert flows_started(merge([*files, tmp_path / "sen.json"])) == 11


def test_a_month_in_three_files_counts_once_and_a_file_changed_meanwhile_is_named(
    memory_db, tmp_path
):
    paths = []
    for i, times in enumerate((1, 2, 3)):
        recorded(memory_db, "2026-11", times=times)
        doc = export(memory_db)
        paths.append(tmp_path / f"{i}.json")
        write_export(paths[-1], doc, memory_db, NOTHING_PROTECTED)
    result = merge(paths)
    assert flows_started(result) == 6 and result.replaced == 2 and not result.skipped

    # The first file changed after it was read: its month cannot be taken out again.
    other = export(memory_db, months=["2026-10"])

    def change_the_first(done, total):
        if done == total:
            paths[0].write_bytes(serialise_export(other))

    result = merge(paths, progress=change_the_first)
    assert [s.path for s in result.skipped] == [str(paths[0])]
    assert "ändrades medan exporterna räknades" in result.skipped[0].reason


def test_months_of_two_databases_are_both_counted(memory_db, tmp_path):
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_memory

    second = open_memory(MIGRATION_SETS)
    try:
        for i, db in enumerate((memory_db, second)):
            recorded(db, "2026-11", times=3)
            write_export(tmp_path / f"{i}.json", export(db), db, NOTHING_PROTECTED)
    finally:
        second.close()
    result = merge([tmp_path / "0.json", tmp_path / "1.json"])
    assert flows_started(result) == 6 and result.replaced == 0


def test_a_version_1_export_still_merges_by_its_export_id(memory_db, tmp_path):
    recorded(memory_db, "2026-11", times=3)
    doc = {k: v for k, v in export(memory_db).items() if k != "month_ids"}
    old = resigned(doc, format_version=1)
    a = write_doc(tmp_path / "a.json", old)
    b = write_doc(tmp_path / "b.json", old)
    result = merge([a, b])
    assert result.merged == 1 and result.duplicates == [str(b)] and not result.skipped
    assert flows_started(result) == 3


def tampered(doc):
    return {**doc, "counts": [{**doc["counts"][0], "count": 99}]}


def resigned(doc, **changes):
    new = {**doc, **changes}
    new["sha256"] = checksum(new)
    return new


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (tampered, "kontrollsumman"),
        (lambda d: resigned(d, format_version=3), "formatversion"),
        (lambda d: resigned(d, format_version=3), "nyare fkstod"),
        (lambda d: resigned(d, format_version=1), "andra fält"),
        (lambda d: resigned(d, month_ids={}), "månadernas id"),
        (lambda d: resigned(d, month_ids={m: "x" for m in d["months"]}), "månadernas id"),
        (
            lambda d: resigned(d, month_ids={m: d["export_id"] for m in d["months"]}),
            "månadernas id",
        ),
        (lambda d: resigned(d, months=["2027-01"]), "har inte kommit"),
        (lambda d: resigned(d, months=["2026-1"]), "ÅÅÅÅ-MM"),
        (lambda d: resigned(d, unit="okand"), "enheten"),
        (lambda d: resigned(d, export_id="inte-ett-id"), "id"),
        (lambda d: resigned(d, user="anna"), "andra fält"),
        (
            lambda d: resigned(d, counts=[{**d["counts"][0], "metric": "free_text"}]),
            "okänt mått",
        ),
        (
            lambda d: resigned(
                d,
                counts=[
                    {**d["counts"][0], "labels": {**d["counts"][0]["labels"], "benefit": "Anna"}}
                ],
            ),
            "okänt värde",
        ),
        (lambda d: resigned(d, counts=[{**d["counts"][0], "count": -1}]), "rimligt heltal"),
        (lambda d: resigned(d, counts=[{**d["counts"][0], "count": 10**9}]), "rimligt heltal"),
        (lambda d: resigned(d, counts=[{**d["counts"][0], "count": 2.5}]), "rimligt heltal"),
        (lambda d: resigned(d, counts=[{**d["counts"][0], "month": "2026-10"}]), "månaden hör"),
        (lambda d: resigned(d, counts=[d["counts"][0], d["counts"][0]]), "två gånger"),
        (lambda d: [d], "inte en statistikexport"),
    ],
)
def test_a_bad_file_is_named_with_its_reason_and_skipped(memory_db, tmp_path, change, reason):
    recorded(memory_db)
    good = write_doc(tmp_path / "bra.json", export(memory_db))
    bad = tmp_path / "dålig.json"
    bad.write_text(json.dumps(change(export(memory_db))), encoding="utf-8")
    result = merge([good, bad])
    assert result.merged == 1
    assert [s.path for s in result.skipped] == [str(bad)]
    assert reason in result.skipped[0].reason


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_file_with_a_number_no_export_has_is_skipped_and_the_rest_merged(
    memory_db, tmp_path, value
):
    # JSON readers take NaN and 1e400 (infinity); the checksum's canonical form cannot
    # hold them, and computing it stopped the whole merge with an internal error.
    recorded(memory_db)
    good = write_doc(tmp_path / "bra.json", export(memory_db))
    doc = export(memory_db)
    doc["counts"][0]["count"] = 424242
    bad = tmp_path / "konstig.json"
    bad.write_text(json.dumps(doc).replace("424242", value), encoding="utf-8")
    result = merge([good, bad])
    assert result.merged == 1
    assert [s.path for s in result.skipped] == [str(bad)]
    assert "heltal" in result.skipped[0].reason


def test_truncated_empty_missing_and_binary_files_are_skipped(memory_db, tmp_path):
    recorded(memory_db)
    data = serialise_export(export(memory_db))
    (tmp_path / "kort.json").write_bytes(data[: len(data) // 2])
    (tmp_path / "tom.json").write_bytes(b"")
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    result = merge([tmp_path, tmp_path / "saknas.json"])
    assert result.merged == 0
    assert {s.path.rsplit("/", 1)[-1] for s in result.skipped} == {
        "kort.json",
        "tom.json",
        "bin.json",
        "saknas.json",
    }
    assert all(s.reason for s in result.skipped)


def test_a_folder_expands_to_its_json_files_and_progress_can_stop(memory_db, tmp_path):
    recorded(memory_db)
    for i in range(3):
        write_doc(tmp_path / f"{i}.json", export(memory_db))
    (tmp_path / "annat.txt").write_text("inte en export")
    assert merge([tmp_path]).merged == 3
    stopped = merge([tmp_path], progress=lambda done, total: done < 2)
    assert stopped.stopped and stopped.merged == 2


# -- indicators and outputs ------------------------------------------------------------------


def cells_of(counts):
    """counts: {(month, unit, metric, benefit, outcome or None): n} -> merge cells."""
    out = {}
    for (month, unit, metric, benefit, outcome), n in counts.items():
        labels = {"benefit": benefit, "flow": "f"}
        if outcome:
            labels["outcome"] = outcome
        out[(month, unit, metric, tuple(sorted(labels.items())))] = n
    return out


def big_cells():
    counts = {}
    for month in ("2026-01", "2026-02", "2026-03"):
        for unit in ("syd", "nord"):
            for benefit in ("sjukpenning", "underhallsstod"):
                counts[(month, unit, "flow_started", benefit, None)] = 40
                counts[(month, unit, "flow_outcome", benefit, "asked")] = 30
                counts[(month, unit, "flow_outcome", benefit, "not_asked")] = 10
    counts[("2026-01", "syd", "flow_outcome", "sjukpenning", "child_concern")] = 2
    counts[("2026-01", "nord", "flow_outcome", "sjukpenning", "child_concern")] = 9
    counts[("2026-01", "nord", "flow_outcome", "underhallsstod", "child_concern")] = 12
    counts[("2026-01", "syd", "flow_outcome", "underhallsstod", "child_concern")] = 20
    return cells_of(counts)


def test_indicators_per_benefit_period_and_unit_with_shares():
    report = build_report(big_cells(), period="month", units=UNITS)
    assert report.periods == ("2026-01", "2026-02", "2026-03")
    table = report.table("asked", "2026-01")
    assert table.value("sjukpenning", "syd") == 30
    assert table.value(TOTAL, TOTAL) == 120
    assert report.share_asked("2026-01", "sjukpenning", "syd") == pytest.approx(0.75)
    year = build_report(big_cells(), period="year", units=UNITS)
    assert year.table("flows_started", "2026").value(TOTAL, TOTAL) == 480
    quarter = build_report(big_cells(), period="quarter", units=UNITS)
    assert quarter.periods == ("2026-K1",)


def test_a_small_count_is_suppressed_with_a_partner_and_never_shown_as_zero():
    report = build_report(big_cells(), period="month", units=UNITS)
    table = report.table("child_concern", "2026-01")
    assert table.value("sjukpenning", "syd") is None
    hidden = [(b, u) for b in report.benefits for u in report.units if table.value(b, u) is None]
    assert len(hidden) >= 4
    csv = to_csv(report).decode("utf-8-sig")
    assert f";Oro för barn;{MARK}" in csv and "betyder att värdet inte visas" in csv


def test_sparse_months_are_rolled_up_to_their_quarter():
    counts = cells_of(
        {
            ("2026-01", "syd", "flow_started", "sjukpenning", None): 3,
            ("2026-02", "syd", "flow_started", "sjukpenning", None): 30,
            ("2026-04", "syd", "flow_started", "sjukpenning", None): 30,
        }
    )
    report = build_report(counts, period="month", units=UNITS)
    assert report.periods == ("2026-K1", "2026-04")
    assert report.rolled_up == ("2026-K1",)
    assert report.table("flows_started", "2026-K1").value("sjukpenning", "syd") == 33


def test_period_names():
    assert [period_of("2026-11", k) for k in ("month", "quarter", "year")] == [
        "2026-11",
        "2026-K4",
        "2026",
    ]


def test_csv_is_for_swedish_excel():
    data = to_csv(build_report(big_cells(), units=UNITS))
    assert data.startswith(UTF8_BOM)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Period;Förmån;Enhet;Indikator;Värde"
    assert "Andel där frågan ställdes (%);75,0" in text


def test_jsonl_is_tidy_long_format_with_suppression_marked():
    rows = [
        json.loads(line) for line in to_jsonl(build_report(big_cells(), units=UNITS)).splitlines()
    ]
    assert set(rows[0]) == {
        "period",
        "benefit",
        "unit",
        "metric",
        "labels",
        "indicator",
        "count",
        "suppressed",
    }
    hidden = [r for r in rows if r["suppressed"]]
    assert hidden and all(r["count"] is None for r in hidden)
    assert not any(r["count"] is not None and 0 < r["count"] < 5 for r in rows)


def test_xlsx_has_text_as_text_numbers_as_numbers_and_a_chart(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    report = build_report(big_cells(), units=UNITS)
    path = write_report(tmp_path / "rapport.xlsx", report, "xlsx", NOTHING_PROTECTED)
    book = openpyxl.load_workbook(path)
    data = book["Data"]
    values = [row for row in data.iter_rows(min_row=2, values_only=True) if row[3]]
    assert all(isinstance(r[0], str) for r in values)  # a period stays text, not a date
    # The same form as the CSV's, so that the two spreadsheets can be put together.
    assert {r[0] for r in values} == {"2026M01", "2026M02", "2026M03"}
    diagram = [r[0] for r in book["Diagram"].iter_rows(min_row=2, max_row=4, values_only=True)]
    assert diagram == ["2026M01", "2026M02", "2026M03"]
    counts = [r[4] for r in values]
    assert MARK in counts
    assert all(isinstance(v, int | float) or v == MARK for v in counts)
    assert not any(
        isinstance(v, int | float) and 0 < v < 5 and v == int(v)
        for v in counts
        if not isinstance(v, float)
    )
    raw = io.BytesIO(to_xlsx(report))
    import zipfile

    assert any(n.startswith("xl/charts/chart") for n in zipfile.ZipFile(raw).namelist())


def test_xlsx_keeps_its_headings_in_view_and_its_texts_readable(tmp_path):
    # A month report of a few units is thousands of rows: scrolled down, the coordinator
    # must still see which column is which, and read each indicator's whole name.
    openpyxl = pytest.importorskip("openpyxl")
    report = build_report(big_cells(), units=UNITS)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    data, diagram = book["Data"], book["Diagram"]
    assert data.freeze_panes == "A2"
    assert diagram.freeze_panes == "B2"
    assert data.auto_filter.ref and data.auto_filter.ref.startswith("A1:E")
    rows = list(data.iter_rows(min_row=1, values_only=True))
    table = [r for r in rows if r[3]]
    for col, letter in enumerate("ABCDE"):
        longest = max(len(str(r[col])) for r in table)
        assert data.column_dimensions[letter].width >= min(longest, 60), letter
    heads = next(diagram.iter_rows(min_row=1, max_row=1, values_only=True))
    for col, text in enumerate(heads):
        if text:
            letter = openpyxl.utils.get_column_letter(col + 1)
            assert diagram.column_dimensions[letter].width >= min(len(text), 40), letter


def excel_sv_cells(data: bytes) -> list[list[tuple[str, str]]]:
    """Read a CSV as Swedish Excel's import would and say what each cell becomes.

    Excel (Swedish locale) opens a .csv as: UTF-8 when it starts with a BOM, fields
    separated by the list separator ``;``, ``"`` quoting; then each field is typed:
    a whole number or one with a decimal comma becomes a number, anything that looks
    like a date (``2026-09``, ``2026-09-01``, ``1/4``, ``1-4``, ``sep-26``) becomes a
    date, the rest stays text. Returns (kind, text) per cell: "number", "date", "text".
    """
    import csv
    import re

    assert data.startswith(UTF8_BOM), "without a BOM Excel reads the file as ANSI"
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    months = "jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec"
    date_like = re.compile(
        rf"^(\d{{1,4}}[-/.]\d{{1,2}}([-/.]\d{{1,4}})?|\d{{1,2}}[- ]?({months})\w*([- ]?\d{{2,4}})?"
        rf"|({months})\w*[- ]\d{{2,4}})$",
        re.IGNORECASE,
    )
    number = re.compile(r"^-?\d+(,\d+)?$")

    def kind(text: str) -> str:
        if number.match(text):
            return "number"
        if date_like.match(text):
            return "date"
        return "text"

    return [[(kind(cell), cell) for cell in row] for row in rows]


@pytest.mark.parametrize(
    ("period", "forms"),
    [("month", {"2026M01", "2026M02", "2026M03"}), ("quarter", {"2026K1"}), ("year", {"2026"})],
)
def test_csv_periods_open_in_swedish_excel_as_they_are_written(period, forms):
    # "2026-09" became the date sep-26 in Swedish Excel: one column of dates and text.
    report = build_report(big_cells(), period=period, units=UNITS)
    header, *rows, note = excel_sv_cells(to_csv(report))
    assert [text for _kind, text in header] == ["Period", "Förmån", "Enhet", "Indikator", "Värde"]
    assert {text for _kind, text in (r[0] for r in rows)} == forms
    # Month and quarter as text, a year as a number: one kind in the column, never a date.
    assert {k for k, _text in (r[0] for r in rows)} == {"number" if period == "year" else "text"}
    assert all(r[1][0] == r[2][0] == r[3][0] == "text" for r in rows)
    values = {(k, text) for k, text in (r[4] for r in rows)}
    assert {k for k, text in values if text != MARK} == {"number"}
    assert ("number", "75,0") in values  # a share, decimal comma
    assert [k for k, _text in note] == ["text"] and len(note) == 1


def test_a_month_report_with_a_rolled_up_quarter_keeps_its_periods_text():
    counts = cells_of(
        {
            ("2026-01", "syd", "flow_started", "sjukpenning", None): 3,
            ("2026-02", "syd", "flow_started", "sjukpenning", None): 30,
            ("2026-04", "syd", "flow_started", "sjukpenning", None): 30,
        }
    )
    _header, *rows, _note = excel_sv_cells(to_csv(build_report(counts, units=UNITS)))
    assert [text for _k, text in dict.fromkeys(r[0] for r in rows)] == ["2026K1", "2026M04"]
    assert {k for k, _text in (r[0] for r in rows)} == {"text"}


def test_a_month_report_says_why_a_quarter_stands_in_for_its_months():
    # January is sparse, so the month report shows 2026-K1 in place of its three
    # months: the reader must be told why, or read the months as missing.
    counts = cells_of(
        {
            ("2026-01", "syd", "flow_started", "sjukpenning", None): 3,
            ("2026-02", "syd", "flow_started", "sjukpenning", None): 30,
            ("2026-04", "syd", "flow_started", "sjukpenning", None): 30,
        }
    )
    report = build_report(counts, units=UNITS)
    assert report.rolled_up == ("2026-K1",)
    said = (
        "2026-K1 visas som ett helt kvartal i stället för sina tre månader: "
        "en av månaderna har för få antal för att visas för sig."
    )
    assert said in to_csv(report).decode("utf-8-sig")
    assert said not in to_csv(build_report(big_cells(), units=UNITS)).decode("utf-8-sig")
