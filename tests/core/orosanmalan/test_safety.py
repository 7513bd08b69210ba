"""What a report may show: protected personal data left out, and the warning about the informant.

Every text field of the form holds a marker of its own, so a detail that leaks into
any output is found by name whatever template or renderer printed it.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace

import pytest

from fkstod.core.orosanmalan import (
    ORO_INTE_INFORMERA,
    ORO_TYPER,
    SKYDDADE_FALT,
    Child,
    Form,
    FormError,
    Guardian,
    example_input,
    parse_form,
    render_orosanmalan,
    validate,
)
from fkstod.core.orosanmalan.render import context

#: What the issue names: where the child can be found, and the guardians' address and phone.
LEFT_OUT = {
    "barn.adress",
    "barn.skola",
    "barn.vistelse",
    "vardnadshavare.adress",
    "vardnadshavare.telefon",
}
#: Shown also with protected personal data: social services must know whom the report is about.
SHOWN = {"barn.namn", "barn.personnummer", "vardnadshavare.namn", "vardnadshavare.relation"}
#: Codes, not text.
CODES = {"barn.kanner_till"}

WARNING_HEADING = "VIKTIGT: DEN SOM BERÄTTADE KAN VARA I FARA"


def marker(group: str, index: int, name: str) -> str:
    """Return a word of its own for one field: letters only, so PDF text keeps it whole."""
    return f"Zq{group.capitalize()}{index}{name.capitalize().replace('_', '')}Qz"


def marker_input(protected: bool) -> dict:
    """Return the example with a marker in every text field of every child and guardian."""
    data = example_input()
    data["skyddade_personuppgifter"] = protected
    for group in ("barn", "vardnadshavare"):
        for i, record in enumerate(data[group]):
            for name in record:
                if f"{group}.{name}" not in CODES:
                    record[name] = marker(group, i, name)
    return data


def markers(data: dict, paths: set[str]) -> dict[str, str]:
    """Return ``{marker: field path}`` of ``paths`` over every child and guardian of ``data``."""
    found = {}
    for path in paths:
        group, name = path.split(".")
        for i in range(len(data[group])):
            found[marker(group, i, name)] = f"{group}[{i}].{name}"
    return found


def test_every_child_and_guardian_field_is_decided_shown_or_left_out():
    # A new field must be placed on one side on purpose: it may tell where someone lives.
    declared = LEFT_OUT | SHOWN | CODES
    actual = {f"barn.{f.name}" for f in fields(Child)} | {
        f"vardnadshavare.{f.name}" for f in fields(Guardian)
    }
    assert actual == declared
    assert set(SKYDDADE_FALT) == LEFT_OUT


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_protected_data_leaves_every_locating_detail_out_of_every_childs_report(fmt):
    data = marker_input(protected=True)
    form = parse_form(data)
    for index in range(len(form.barn)):
        out = render_orosanmalan(form, fmt, index)
        leaks = {f for m, f in markers(data, LEFT_OUT).items() if m in out}
        assert leaks == set()
        assert "SKYDDADE PERSONUPPGIFTER" in out
        assert marker("barn", index, "namn") in out
        for i in range(len(form.vardnadshavare)):
            assert marker("vardnadshavare", i, "namn") in out
    # The form itself keeps what was typed: only the outputs leave it out.
    assert form.barn[0].vistelse == marker("barn", 0, "vistelse")


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_without_protection_every_detail_is_in_the_report(fmt):
    data = marker_input(protected=False)
    form = parse_form(data)
    for index in range(len(form.barn)):
        out = render_orosanmalan(form, fmt, index)
        own = {
            m
            for m, f in markers(data, LEFT_OUT).items()
            if not f.startswith("barn[") or f.startswith(f"barn[{index}]")
        }
        assert {m for m in own if m not in out} == set()
        assert "SKYDDADE" not in out


def test_the_redacted_form_is_what_the_templates_get():
    form = parse_form(marker_input(protected=True))
    assert form.redacted().barn[0] == replace(form.barn[0], adress="", skola="", vistelse="")
    assert all(g.adress == g.telefon == "" for g in form.redacted().vardnadshavare)
    data = marker_input(protected=True)
    for index in range(len(data["barn"])):
        flat = json.dumps(context(parse_form(data), index), ensure_ascii=False)
        assert set(re.findall(r"Zq\w+?Qz", flat)) <= set(markers(data, SHOWN))
    unprotected = parse_form(marker_input(protected=False))
    assert unprotected.redacted() is unprotected


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_the_protected_banner_says_what_was_left_out(fmt):
    out = render_orosanmalan(parse_form(marker_input(protected=True)), fmt)
    for words in SKYDDADE_FALT.values():
        assert words in out


# --- the person who told us may be in danger ------------------------------------------------


@pytest.mark.parametrize("code", sorted(ORO_TYPER))
def test_the_informant_is_taken_to_be_at_risk_exactly_in_the_do_not_tell_cases(code):
    form = Form(oro=(code,))
    assert form.informant_at_risk() == (code in ORO_INTE_INFORMERA)
    assert replace(form, uppgiftslamnare_i_fara=False).informant_at_risk() is False
    assert replace(form, uppgiftslamnare_i_fara=True).informant_at_risk() is True


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_the_informant_warning_comes_first_in_the_report(fmt):
    form = parse_form({**example_input(), "skyddade_personuppgifter": True})
    out = render_orosanmalan(form, fmt)
    assert WARNING_HEADING in out
    # Before anything about the child: right after the protected-data banner.
    assert out.index("SKYDDADE PERSONUPPGIFTER") < out.index(WARNING_HEADING)
    title = "OROSANMÄLAN – ANMÄLAN OM ORO FÖR BARN" if fmt == "txt" else "<h1>"
    assert out.index(WARNING_HEADING) < out.index(title)
    assert "kan vara i fara om de når den andra parten" in out


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_no_warning_when_the_caseworker_says_no_or_the_concern_is_another(fmt):
    said_no = parse_form({**example_input(), "uppgiftslamnare_i_fara": False})
    other = parse_form({**example_input(), "oro": ["omsorgsbrist"], "uppgiftslamnare_i_fara": None})
    for form in (said_no, other):
        assert WARNING_HEADING not in render_orosanmalan(form, fmt)
    yes = parse_form({**example_input(), "oro": ["omsorgsbrist"], "uppgiftslamnare_i_fara": True})
    assert WARNING_HEADING in render_orosanmalan(yes, fmt)


def test_an_old_file_without_the_field_loads_and_takes_the_rule():
    old = example_input()
    del old["uppgiftslamnare_i_fara"]
    form = parse_form(old)
    assert form.uppgiftslamnare_i_fara is None and form.informant_at_risk()
    assert form.to_dict()["uppgiftslamnare_i_fara"] is True  # a saved file says it outright
    old["oro"] = ["annat"]
    assert parse_form(old).to_dict()["uppgiftslamnare_i_fara"] is False


def test_the_example_answers_the_question():
    assert example_input()["uppgiftslamnare_i_fara"] is True
    form = parse_form(example_input())
    assert parse_form(form.to_dict()) == form


def test_a_wrong_type_is_named():
    with pytest.raises(FormError) as err:
        parse_form({**example_input(), "uppgiftslamnare_i_fara": "ja"})
    assert [str(p) for p in err.value.problems] == [
        "Den som berättade kan vara i fara: ska vara true, false eller null"
    ]


def test_saying_no_in_a_do_not_tell_case_gets_advice_not_a_block():
    form = parse_form({**example_input(), "uppgiftslamnare_i_fara": False})
    problems = validate(form)
    assert [p.field for p in problems] == ["uppgiftslamnare_i_fara"]
    assert not problems[0].blocking
    assert (
        validate(parse_form({**example_input(), "oro": ["annat"], "uppgiftslamnare_i_fara": False}))
        == []
    )


def test_the_flag_alone_does_not_make_a_form_worth_keeping():
    assert Form(uppgiftslamnare_i_fara=True).is_empty()
    assert Form(uppgiftslamnare_i_fara=False).is_empty()
