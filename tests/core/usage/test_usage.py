"""Counts are counts: registry-only metrics and labels, per month, nothing in training."""

import pytest

from fkstod.core.usage import METRICS, UnknownMetricError, UsageRecorder
from fkstod.core.usage.registry import OTHER
from fkstod.core.vocabulary import BENEFITS, OUTCOME_CODES


def test_recording_adds_one_per_call_and_returns_what_changed(memory_db):
    recorder = UsageRecorder(memory_db, clock=lambda: "2026-11")
    recorder.set_content_ids("flow", ["sjukpenning-atergang"])
    first = recorder.record("flow_started", flow="sjukpenning-atergang", benefit="sjukpenning")
    second = recorder.record("flow_started", flow="sjukpenning-atergang", benefit="sjukpenning")
    assert (first.count, second.count) == (1, 2)
    assert second.month == "2026-11"
    assert [(c.metric, c.labels, c.count) for c in recorder.counts()] == [
        ("flow_started", {"benefit": "sjukpenning", "flow": "sjukpenning-atergang"}, 2)
    ]


def test_counts_are_kept_per_calendar_month(memory_db):
    month = ["2026-10"]
    recorder = UsageRecorder(memory_db, clock=lambda: month[0])
    recorder.record("referral_shown", category="akut")
    month[0] = "2026-11"
    recorder.record("referral_shown", category="akut")
    assert [(c.month, c.count) for c in recorder.counts()] == [("2026-10", 1), ("2026-11", 1)]


def test_free_text_in_a_label_is_counted_as_other_never_stored(memory_db):
    recorder = UsageRecorder(memory_db)
    recorder.record("referral_shown", category="Anna Andersson 19800101-1234")
    recorder.record("orosanmalan_created", benefit=12345)  # not even a string
    dump = "".join(memory_db.conn.iterdump())
    assert "Anna" not in dump and "1234" not in dump
    assert {c.labels["category"] for c in recorder.counts() if "category" in c.labels} == {OTHER}


def test_flow_ids_are_allowed_only_once_loaded_content_declares_them(memory_db):
    recorder = UsageRecorder(memory_db)
    assert recorder.record("flow_started", flow="x", benefit="ovriga").labels["flow"] == OTHER
    recorder.set_content_ids("flow", ["x"])
    assert recorder.record("flow_started", flow="x", benefit="ovriga").labels["flow"] == "x"


def test_an_unknown_metric_or_label_name_is_a_programming_error(memory_db):
    recorder = UsageRecorder(memory_db)
    with pytest.raises(UnknownMetricError):
        recorder.record("free_text_note", text="anything")
    with pytest.raises(UnknownMetricError):
        recorder.record("referral_shown", category="akut", note="extra")
    with pytest.raises(UnknownMetricError):
        recorder.record("referral_shown")


def test_training_mode_records_nothing(memory_db):
    recorder = UsageRecorder(memory_db, training=True)
    assert recorder.record("referral_shown", category="akut") is None
    assert recorder.counts() == []


def test_every_label_of_every_metric_has_a_vocabulary():
    for metric in METRICS.values():
        for label in metric.labels:
            assert label.values or label.content, (metric.name, label.name)


def test_registry_vocabularies_are_ascii_codes():
    for code in [*BENEFITS, *OUTCOME_CODES]:
        assert code.isascii() and code == code.lower() and " " not in code
