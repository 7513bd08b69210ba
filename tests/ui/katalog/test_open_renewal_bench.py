"""The benchmark of the "öppet nu" renewal measures renewals that really happen.

Its figure (``make bench``) is only worth reading if the page's own timer fired,
the clock moved on between renewals, and the rows were searched again where the
clock changed them: run here on a small directory, the figure is not judged.
"""

from __future__ import annotations

import math

from tests.benchmarks import bench_open_renewal


def test_the_benchmark_renews_through_the_page_timer_and_searches_again(qapp):
    results = bench_open_renewal.main(n=400, fire_ms=1)
    assert [r.name.rsplit(", ", 1)[1] for r in results] == [
        "hela katalogen",
        "filter Öppet nu",
        "sökt ”jour”",
    ]
    moments = len(bench_open_renewal._moments())
    for result in results:
        assert "400 poster" in result.name
        assert result.budget == bench_open_renewal.BLOCK_MS
        assert math.isfinite(result.measured) and result.measured >= 0
        renewed, searched = (int(part.split()[0]) for part in result.note.split(", "))
        assert renewed == moments
        # 8:00 and 16:00 change "mån-fre 8-16"; the next morning is another day.
        assert 2 <= searched < renewed, result.note
