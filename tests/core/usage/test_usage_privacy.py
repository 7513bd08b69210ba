"""No string reaches the database or an export unless it is a declared label.

Property tests over the public usage API (record, build_export, merge and every
output), then a scan of database and files for anything that looks like a
personnummer, a name, a phone number, or this machine's user or host name.
"""

from __future__ import annotations

import getpass
import json
import re
import socket
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory
from fkstod.core.usage import METRICS, UsageRecorder
from fkstod.core.usage.export import build_export, serialise_export, write_export
from fkstod.core.usage.indicators import build_report
from fkstod.core.usage.merge import merge_exports
from fkstod.core.usage.outputs import render
from fkstod.core.usage.registry import OTHER
from fkstod.core.usage.units import Unit

FLOWS = ("fraga-vid-indikation",)
UNITS = (Unit("syd", "Region syd"),)


def declared_strings() -> set[str]:
    """Every string the usage data may hold: metric and label names and values."""
    out = {OTHER, *FLOWS, *(u.code for u in UNITS), *METRICS}
    for metric in METRICS.values():
        for label in metric.labels:
            out |= {label.name, *label.values}
    return out


EXPORT_KEYS = {
    "format",
    "format_version",
    "export_id",
    "months",
    "month_ids",
    "unit",
    "app_version",
    "content_version",
    "counts",
    "sha256",
    "metric",
    "labels",
    "month",
    "count",
    "fkstod-statistik",
    "0.1.0",
    "2026.11",
}
UUID_HEX = re.compile(r"^[0-9a-f-]{36}$|^[0-9a-f]{64}$|^\d{4}-\d{2}$")

hostile = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Anna Andersson",
            "19800101-1234",
            "070-123 45 67",
            getpass.getuser(),
            socket.gethostname(),
            "sjukpenning ",
            "SJUKPENNING",
            "other\x00",
        ]
    ),
)


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(METRICS)), st.lists(hostile, min_size=4, max_size=4)),
        min_size=1,
        max_size=12,
    )
)
def test_hostile_label_values_never_reach_database_or_export(calls):
    db = open_memory(MIGRATION_SETS)
    try:
        recorder = UsageRecorder(db, clock=lambda: "2026-11")
        recorder.set_content_ids("flow", FLOWS)
        for metric, values in calls:
            names = [label.name for label in METRICS[metric].labels]
            recorder.record(metric, **dict(zip(names, values, strict=False)))
        allowed = declared_strings()
        for (labels,) in db.execute("SELECT labels FROM usage_counts"):
            assert set(strings_in(json.loads(labels))) <= allowed
        doc = build_export(
            db,
            app_version="0.1.0",
            content_version="2026.11",
            content_ids={"flow": FLOWS},
            units=UNITS,
            unit="syd",
        )
        for s in strings_in(doc):
            assert s in allowed | EXPORT_KEYS or UUID_HEX.match(s), s
    finally:
        db.close()


def test_hostile_strings_stored_behind_the_recorders_back_are_not_exported(memory_db):
    with memory_db.transaction() as conn:
        conn.execute(
            "INSERT INTO usage_counts VALUES ('2026-11', 'referral_shown', ?, 3)",
            [json.dumps({"category": "Anna Andersson 19800101-1234"})],
        )
        conn.execute(
            "INSERT INTO usage_counts VALUES ('2026-11', 'free_text', ?, 3)",
            [json.dumps({"text": "070-1234567"})],
        )
    doc = build_export(
        memory_db, app_version="0.1.0", content_version="2026.11", content_ids={}, units=UNITS
    )
    text = serialise_export(doc).decode()
    assert "Anna" not in text and "1234" not in text and "free_text" not in text
    assert doc["counts"] == [
        {"metric": "referral_shown", "labels": {"category": OTHER}, "month": "2026-11", "count": 3}
    ]


LOOKS_PERSONAL = [
    re.compile(r"\b(19|20)?\d{6}[-+]?\d{4}\b"),  # personnummer / samordningsnummer
    re.compile(r"\b0\d{1,3}[- ]?\d{2,3}[ ]?\d{2}[ ]?\d{2}\b"),  # Swedish phone number
    re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+son\b"),  # a name like Anna Andersson
]


#: The export's random ids (an export id, one per month): by design not about anyone,
#: and a random one can look like a personnummer ("19800101-1234-4…").
RANDOM_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b")


def test_scan_of_database_export_and_every_output_finds_nothing_personal(
    memory_db, tmp_path, monkeypatch
):
    # The ids drawn as the worst case: all digits, the first two groups a personnummer.
    import uuid

    drawn = iter(uuid.UUID(f"1980010{n}-1234-4123-8123-12341234123{n}") for n in range(10))
    monkeypatch.setattr(uuid, "uuid4", lambda: next(drawn))
    recorder = UsageRecorder(memory_db, clock=lambda: "2026-11")
    recorder.set_content_ids("flow", FLOWS)
    for metric in METRICS:
        for value in (
            "Anna Andersson",
            "19800101-1234",
            "070-123 45 67",
            getpass.getuser(),
            socket.gethostname(),
        ):
            recorder.record(metric, **{label.name: value for label in METRICS[metric].labels})
    doc = build_export(
        memory_db,
        app_version="0.1.0",
        content_version="2026.11",
        content_ids={"flow": FLOWS},
        units=UNITS,
        unit="syd",
    )
    path = write_export(tmp_path / "export.json", doc, memory_db, NOTHING_PROTECTED)
    merged = merge_exports(
        [path], content_ids={"flow": FLOWS}, units=UNITS, today=lambda: date(2026, 12, 1)
    )
    assert merged.merged == 1
    report = build_report(merged.cells, units=UNITS)
    texts = {"database": "\n".join(memory_db.conn.iterdump()), "export": path.read_text("utf-8")}
    for fmt in ("csv", "jsonl"):
        texts[fmt] = render(report, fmt).decode("utf-8-sig")
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render(report, "xlsx"))) as z:
        texts["xlsx"] = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    names = [n for n in {getpass.getuser(), socket.gethostname()} if len(n) >= 3]
    assert "1980010" in texts["export"]  # the ids are there, and set aside below
    texts = {where: RANDOM_ID.sub("<id>", text) for where, text in texts.items()}
    for where, text in texts.items():
        for pattern in LOOKS_PERSONAL:
            assert not pattern.search(text), (where, pattern.pattern)
        for name in names:
            assert not re.search(rf"\b{re.escape(name)}\b", text), (where, name)
        assert "Anna" not in text, where


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["metric", "benefit", "flow", "outcome", "unit", "month"]), hostile)
def test_hostile_strings_in_an_export_file_never_reach_the_merged_cells(
    tmp_path_factory, where, text
):
    db = open_memory(MIGRATION_SETS)
    try:
        recorder = UsageRecorder(db, clock=lambda: "2026-11")
        recorder.set_content_ids("flow", FLOWS)
        recorder.record("flow_outcome", flow=FLOWS[0], benefit="sjukpenning", outcome="asked")
        doc = build_export(
            db,
            app_version="0.1.0",
            content_version="2026.11",
            content_ids={"flow": FLOWS},
            units=UNITS,
            unit="syd",
        )
    finally:
        db.close()
    row = doc["counts"][0]
    if where == "unit":
        doc["unit"] = text
    elif where == "month":
        row["month"] = text
    elif where == "metric":
        row["metric"] = text
    else:
        row["labels"][where] = text
    from fkstod.core.usage.export import checksum

    doc["sha256"] = checksum(doc)  # a forger who knows the format
    path = tmp_path_factory.mktemp("m") / "x.json"
    path.write_bytes(serialise_export(doc))
    merged = merge_exports(
        [path], content_ids={"flow": FLOWS}, units=UNITS, today=lambda: date(2026, 12, 1)
    )
    allowed = declared_strings() | {"2026-11"}
    for month, unit, metric, labels in merged.cells:
        assert {month, metric, *(v for pair in labels for v in pair)} <= allowed
        assert unit in {None, "syd"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.tuples(
            st.sampled_from(["2026-01", "2026-02", "2026-05"]),
            st.sampled_from(["syd", None]),
            st.sampled_from(["sjukpenning", "underhallsstod", "ovriga"]),
            st.sampled_from(["asked", "not_asked", "child_concern"]),
        ),
        st.integers(1, 40),
        max_size=30,
    ),
    st.sampled_from(["month", "quarter", "year"]),
)
def test_no_output_ever_shows_a_small_count(counts, period):
    cells = {
        (m, u, "flow_outcome", (("benefit", b), ("flow", FLOWS[0]), ("outcome", o))): n
        for (m, u, b, o), n in counts.items()
    }
    report = build_report(cells, period=period, units=UNITS)
    for row in report.rows():
        assert row.count is None or row.count == 0 or row.count >= 5, row
    for line in render(report, "jsonl").decode().splitlines():
        count = json.loads(line)["count"]
        assert count is None or count == 0 or count >= 5
