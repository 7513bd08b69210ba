"""Counts in words, for Statistik and `fkstod usage show`."""

from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.present import describe
from tests.conftest import run_fkstod


def test_counts_are_described_in_swedish_newest_month_first(memory_db):
    month = ["2026-10"]
    recorder = UsageRecorder(memory_db, clock=lambda: month[0])
    recorder.set_content_ids("flow", ["sjukpenning-fraga"])
    recorder.record(
        "flow_outcome", flow="sjukpenning-fraga", benefit="sjukpenning", outcome="asked"
    )
    month[0] = "2026-11"
    recorder.record("referral_shown", category="kvinnor")
    recorder.record("referral_shown", category="written by hand")
    rows = describe(recorder.counts(), {"sjukpenning-fraga": "Fråga om våld – sjukpenning"})
    assert [(r.month, r.what, r.details, r.count) for r in rows] == [
        ("2026-11", "Stödkontakter visade", "Stöd för kvinnor", 1),
        ("2026-11", "Stödkontakter visade", "övrigt", 1),
        (
            "2026-10",
            "Utfall i flöde",
            "Fråga om våld – sjukpenning · Frågan om våld ställdes · Sjukpenning och rehabilitering",
            1,
        ),
    ]


def test_usage_show_prints_the_counts_of_the_data_folder(tmp_path):
    env = {"FKSTOD_DATA_DIR": str(tmp_path)}
    empty = run_fkstod("usage", "show", env=env)
    assert empty.returncode == 0 and "Inga" in empty.stdout
    from fkstod.app import build_services

    services, _ = build_services(tmp_path)
    services.usage.record("referral_shown", category="man")
    services.db.close()
    shown = run_fkstod("usage", "show", env=env)
    assert shown.returncode == 0
    assert "Stödkontakter visade" in shown.stdout and "Stöd för män" in shown.stdout
