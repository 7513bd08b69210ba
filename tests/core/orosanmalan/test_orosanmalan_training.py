"""A report written in Övningsläge says so at its top and end, in every format and file name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fkstod.core.orosanmalan import (
    example_input,
    page_mark,
    page_mark_for,
    parse_form,
    render_orosanmalan,
    training_file_name,
    training_mark,
)

MARK = "ÖVNING – fiktivt fall"


def _form(**changes):
    data = example_input()
    data.update(changes)
    return parse_form(data)


def test_the_mark_is_the_one_the_issue_names():
    assert training_mark() == MARK


@pytest.mark.parametrize("index", [0, 1])
def test_txt_in_training_starts_and_ends_with_the_mark(index):
    form = _form()
    assert len(form.barn) > index, "the example should have two children"
    lines = [line for line in render_orosanmalan(form, "txt", index, training=True).splitlines()]
    filled = [line for line in lines if line.strip()]
    assert filled[0] == f"*** {MARK} ***"
    assert filled[-1] == f"*** {MARK} ***"


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_real_report_has_no_training_mark(fmt):
    assert "ÖVNING" not in render_orosanmalan(_form(), fmt)
    assert render_orosanmalan(_form(), fmt) == render_orosanmalan(_form(), fmt, training=False)


def test_html_in_training_has_the_mark_in_the_title_before_the_heading_and_at_the_end():
    html = render_orosanmalan(_form(), "html", training=True)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith(MARK)
    body = html.split("<body>", 1)[1]
    assert body.index(MARK) < body.index("<h1>")
    assert body.rindex(MARK) > body.index("Som anställd på en myndighet")
    assert body.count(MARK) == 2


def test_the_page_mark_puts_training_first_and_keeps_the_protected_mark():
    protected = _form(skyddade_personuppgifter=True)
    assert page_mark_for(protected, training=True) == f"{MARK} · {page_mark()}"
    assert page_mark_for(protected) == page_mark()
    assert page_mark_for(_form(), training=True) == MARK
    assert page_mark_for(_form()) == ""


def test_training_file_name_prefixes_the_last_part_only_and_only_once():
    assert training_file_name("anmalan-barn1.pdf") == "ÖVNING-anmalan-barn1.pdf"
    out = training_file_name(Path("rapporter/anmalan-barn1.pdf"))
    assert out == Path("rapporter/ÖVNING-anmalan-barn1.pdf")
    assert training_file_name(out) == out
    with pytest.raises(ValueError):
        training_file_name("")
