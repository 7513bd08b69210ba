"""The repository explains itself: every file the docs name, and every link, is in it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

DOCS = ["README.md", "CONTRIBUTING.md", "docs/ARCHITECTURE.md", "build/README.md"]
# A path as the docs write it: `fkstod/...`, `tests/...`, `docs/...`, `resources/...`, `build/...`.
_NAMED = re.compile(r"`((?:fkstod|tests|docs|resources|build)/[\w./-]+?)(?::[\w.()*, ]+)?`")
_LINK = re.compile(r"\]\(([^)#\s]+)\)")
# Named as what a step of the docs will create, or what a build makes.
NOT_YET = (
    "fkstod/ui/ovning/",
    "tests/ui/ovning/",
    "build/dist/",
    "build/work/",
)


@pytest.mark.parametrize("doc", DOCS)
def test_every_file_a_doc_names_exists(doc):
    text = (REPO / doc).read_text(encoding="utf-8")
    missing = [
        name
        for name in _NAMED.findall(text)
        if not name.startswith(NOT_YET) and not (REPO / name.rstrip("/")).exists()
    ]
    assert missing == [], f"{doc}: {missing}"


@pytest.mark.parametrize("doc", DOCS)
def test_every_link_stays_in_the_repository_and_exists(doc):
    path = REPO / doc
    for target in _LINK.findall(path.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        resolved = (path.parent / target).resolve()
        assert REPO in resolved.parents or resolved == REPO, f"{doc}: {target} leaves the repo"
        assert resolved.exists(), f"{doc}: {target}"
