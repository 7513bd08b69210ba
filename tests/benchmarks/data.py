"""Fictional directory data for the benchmarks: entries, and data folders that hold them."""

from __future__ import annotations

import random
from pathlib import Path

from fkstod.core import kommuner
from fkstod.core.directory import Entry

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


def fill_data_folder(folder: Path, n: int) -> Path:
    """Create a data folder whose database holds ``n`` local entries; return it.

    The rows go straight into the table, the way the app stores them, so that a
    folder of 100 000 entries takes seconds to make and not an import.
    """
    from fkstod import paths
    from fkstod.core.directory.migrations import TABLE
    from fkstod.core.directory.service import _row_to_db
    from fkstod.core.schema import MIGRATION_SETS
    from fkstod.core.store import open_store

    folder.mkdir(parents=True, exist_ok=True)
    opened = open_store(paths.database_path(folder), MIGRATION_SETS)
    if n:
        with opened.db.transaction():
            opened.db[TABLE].insert_all((_row_to_db(e) for e in generate(n)), pk="id")
    opened.db.close()
    return folder
