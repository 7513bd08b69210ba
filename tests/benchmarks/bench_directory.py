"""Directory benchmark: 20 000 generated services; search in core, keystroke to paint, memory."""

from __future__ import annotations

import gc
import random
import resource
import sys
import time
from datetime import datetime

from fkstod.core import kommuner
from fkstod.core.directory import Directory, Entry, Filters
from tests.benchmarks import Result, p95, time_ms

N = 20_000
PARTS = [
    "kvinnojour",
    "tjejjour",
    "mansjour",
    "brottsofferjour",
    "stödcentrum",
    "familjecentral",
    "socialtjänst",
    "mottagning",
    "våld",
    "nära",
    "relation",
    "skyddat",
    "boende",
    "samtal",
    "rådgivning",
    "heder",
    "förtryck",
    "unga",
    "barn",
    "äldre",
    "stöd",
    "hjälp",
    "jour",
    "öppen",
    "anhöriga",
    "behandling",
    "krissamtal",
    "trygghet",
    "ekonomi",
    "juridik",
]
TYPED = [
    "kvinnojour",
    "våld malmö",
    "vald",
    "stöd unga",
    "jour",
    "heder",
    "mansjour göteborg",
    "socialtjänst",
    "brottsoffer",
    "familj",
    "skydd",
]


def generate(n: int = N, seed: int = 7) -> list[Entry]:
    """Return ``n`` fictional services spread over the 290 municipalities."""
    rng = random.Random(seed)
    codes = [k.kod for k in kommuner.kommuner()]
    names = {k.kod: k.namn for k in kommuner.kommuner()}
    out = []
    for i in range(n):
        kod = rng.choice(codes)
        words = rng.sample(PARTS, 6)
        out.append(
            Entry(
                id=f"gen-{i}",
                organisation=f"{words[0].capitalize()} {names[kod]} {i}",
                tjanst=words[1].capitalize(),
                beskrivning=" ".join(words[2:]) + f" i {names[kod]}.",
                kategori=rng.choice(["kvinnor", "man", "barn_unga", "socialtjanst", "brottsoffer"]),
                telefon=f"0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
                telefontider=rng.choice(
                    ["mån-fre 8-16", "dygnet runt", "", "tis 18-21, lör 10-14"]
                ),
                sprak=tuple(rng.sample(["svenska", "arabiska", "engelska", "somaliska"], 2)),
                kommuner=(kod,),
                malgrupper=(rng.choice(["kvinnor", "man", "unga", "alla"]),),
                valdsformer=(rng.choice(["alla", "fysiskt", "heder"]),),
                senast_verifierad="2026-01-01",
            )
        )
    return out


def keystrokes() -> list[str]:
    """Return every prefix a user produces typing the sample queries."""
    return [q[:i] for q in TYPED for i in range(1, len(q) + 1)]


def main() -> list[Result]:
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    entries = generate()
    directory = Directory(None, shipped=entries)
    now = datetime(2026, 11, 23, 10)
    queries = keystrokes()
    core = []
    for kommun in ("", "1280"):
        for q in queries:
            directory.index._folded._cache.clear()  # measure cold lookups, not the cache
            core += time_ms(lambda q=q, k=kommun: directory.search(q, kommun=k, now=now), 1)
    filtered = [
        t
        for q in queries
        for t in time_ms(
            lambda q=q: directory.search(
                q,
                filters=Filters(lan="12", open_now=True, malgrupp="kvinnor"),
                needs=["kvinnor"],
                now=now,
            ),
            1,
        )
    ]
    start = time.perf_counter()
    Directory(None, shipped=entries)
    build_s = time.perf_counter() - start
    results = [
        Result("bygga sökindex vid start (egen budget)", build_s * 1000, 2000, "ms"),
        Result("sökning i kärnan, 20 000 tjänster, p95 per tangent", p95(core), 5, "ms"),
        Result("sökning med filter och behov, p95", p95(filtered), 5, "ms"),
    ]
    results += _paint(directory, queries)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if sys.platform == "darwin":
        rss_mb /= 1024
    results.append(Result("minne (max RSS) med 20 000 tjänster och fönster", rss_mb, 150, "MB"))
    del before
    return results


def _paint(directory: Directory, queries: list[str]) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from fkstod.ui.katalog.page import DirectoryPage

    app = QApplication.instance() or QApplication([])
    page = DirectoryPage(directory, dialogs=None)
    page.resize(1000, 700)
    page.show()
    app.processEvents()
    samples = []
    for q in queries:

        def keystroke(q=q) -> None:
            page.search_box.setText(q)
            page.run_search()
            page.repaint()

        samples += time_ms(keystroke, 1)
    page.close()
    return [Result("tangent → rader ritade, p95", p95(samples), 16, "ms")]
