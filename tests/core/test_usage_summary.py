"""The caseworker's counts in words: order, totals, plural forms."""

from fkstod.core.usage.recorder import Recorded
from fkstod.core.usage.summary import exported_text, summarise

FLOW = "underhallsstod-fraga"


def rec(month, metric, n, **labels):
    return Recorded(month, metric, {"flow": FLOW, **labels}, n)


def test_groups_are_newest_month_first_benefits_in_order_and_the_total_last():
    counts = [
        rec("2026-02", "call_ended", 3, benefit="underhallsstod"),
        rec("2026-02", "call_ended", 2, benefit="sjukpenning"),
        rec("2026-03", "call_ended", 1, benefit="underhallsstod"),
        rec("2026-02", "flow_started", 7, benefit="sjukpenning"),  # jumps: no more calls
        rec("2026-02", "flow_outcome", 2, benefit="sjukpenning", outcome="asked"),
    ]
    groups = summarise(counts)
    assert [g.title for g in groups] == [
        "mars 2026 · Underhållsstöd",
        "februari 2026 · Sjukpenning och rehabilitering",
        "februari 2026 · Underhållsstöd",
        "februari 2026 · Alla förmåner",
    ]
    total = groups[-1].lines
    assert total[0] == "5 samtal med stöd av fkstod"
    assert total[1] == "Frågan om våld ställdes i 2 av 5 samtal"


def test_plural_forms_and_a_benefit_not_known():
    counts = [
        Recorded("2026-01", "orosanmalan_created", {"benefit": "other"}, 1),
        Recorded(
            "2026-01",
            "support_offered_in_call",
            {"flow": FLOW, "benefit": "other", "category": "kvinnor"},
            2,
        ),
    ]
    [group] = summarise(counts)
    assert group.title == "januari 2026 · Förmån inte angiven"
    assert "1 orosanmälan skriven" in group.lines
    assert "2 stödkontakter kopierade under samtal" in group.lines


def test_the_exported_months_are_said_with_how_often():
    assert exported_text({}) == "Inga månader har exporterats ännu."
    assert exported_text({"2026-01": 1, "2026-02": 2}) == (
        "Redan exporterade månader: 2026-01, 2026-02 (2 gånger)."
    )
