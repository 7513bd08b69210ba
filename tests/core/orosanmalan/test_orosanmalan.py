"""The orosanmälan core: personnummer, validation, and text/HTML rendering."""

from dataclasses import replace
from datetime import date

import pytest

from fkstod.core.orosanmalan import (
    KANNEDOM,
    ORO_INTE_INFORMERA,
    ORO_TYPER,
    Child,
    Form,
    FormError,
    Guardian,
    PersonnummerError,
    check_personnummer,
    example_input,
    parse_form,
    render_orosanmalan,
    validate,
)
from fkstod.core.orosanmalan.render import recipient

TODAY = date(2025, 9, 15)
HOSTILE = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} <script>alert(1)</script> &amp; {# c #}"


def example_form(**changes) -> Form:
    return parse_form({**example_input(), **changes})


# --- personnummer -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20150312-9809", "20150312-9809"),
        ("201503129809", "20150312-9809"),
        ("150312-9809", "20150312-9809"),
        ("1503129809", "20150312-9809"),
        ("2019-08-30", "2019-08-30"),
        ("20190830", "2019-08-30"),
        ("190830", "2019-08-30"),
        (" 20150312 - 9809 ", "20150312-9809"),
    ],
)
def test_personnummer_and_birth_dates_are_accepted_and_normalised(text, expected):
    assert check_personnummer(text, today=TODAY).text == expected


def test_a_two_digit_year_takes_the_century_that_is_not_in_the_future():
    assert check_personnummer("991231", today=TODAY).birth_date == date(1999, 12, 31)
    assert check_personnummer("240101", today=TODAY).birth_date == date(2024, 1, 1)


def test_samordningsnummer_adds_sixty_to_the_day():
    # 2015-03-12 as a samordningsnummer: day 72.
    from fkstod.core.orosanmalan.personnummer import luhn_ok

    tail = next(f"980{c}" for c in range(10) if luhn_ok(f"150372980{c}"))
    identity = check_personnummer(f"20150372-{tail}", today=TODAY)
    assert identity.birth_date == date(2015, 3, 12)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("20150312-9808", "kontrollsiffran"),
        ("20151312-9809", "datumet finns inte"),
        ("2015-02-30", "datumet finns inte"),
        ("2030-01-01", "framtiden"),
        ("hej", "ÅÅÅÅMMDD-NNNN"),
        ("", "saknas"),
        ("12345", "ÅÅÅÅMMDD-NNNN"),
    ],
)
def test_a_wrong_personnummer_gets_a_swedish_reason(text, words):
    with pytest.raises(PersonnummerError, match=words):
        check_personnummer(text, today=TODAY)


# --- validation ----------------------------------------------------------------


def test_the_example_is_complete_and_valid():
    assert validate(example_form(), today=TODAY) == []


def test_an_empty_form_names_every_required_field_in_swedish():
    problems = [p for p in validate(Form(), today=TODAY) if p.blocking]
    labels = {p.label for p in problems}
    assert "Mottagare (barnets kommun)" in labels
    assert "Barn 1, namn" in labels
    assert "Barn 1, personnummer eller födelsedatum" in labels
    assert "Anmälare, ditt namn" in labels
    assert "Anmälare, ditt telefonnummer" in labels
    assert "Det här har jag själv sett eller hört" in labels


def test_a_wrong_control_digit_names_the_child_and_the_field_and_keeps_the_form():
    data = example_input()
    data["barn"][1]["personnummer"] = "20190830-0004"
    form = parse_form(data)
    problems = validate(form, today=TODAY)
    assert [str(p) for p in problems] == [
        "Barn 2, personnummer eller födelsedatum: kontrollsiffran stämmer inte, kontrollera numret"
    ]
    assert form.barn[1].personnummer == "20190830-0004"  # nothing typed is lost


@pytest.mark.parametrize("datum", ["2026-09-15", "2099-01-01"])
def test_a_report_dated_in_the_future_is_named_as_the_date(datum):
    # An arrow key in the date field moves the year: the fault is the date, and the
    # children (born 2015 and 2019) must not be called adults or unborn for it.
    problems = validate(example_form(datum=datum), today=TODAY)
    assert [(p.field, p.blocking) for p in problems] == [("datum", True)]
    assert "framtiden" in problems[0].message


def test_a_report_dated_today_or_earlier_is_fine():
    assert validate(example_form(datum="2025-09-15"), today=TODAY) == []
    assert validate(example_form(datum="2025-09-01"), today=TODAY) == []


def test_an_adult_is_not_a_child():
    form = example_form(barn=[{"namn": "Vuxen", "personnummer": "2000-01-01", "adress": "x"}])
    assert any("18 år" in p.message for p in validate(form, today=TODAY))


def test_telling_guardians_about_violence_in_the_family_is_flagged_but_not_blocking():
    form = example_form(vardnadshavare_kanner_till="ja")
    problems = validate(form, today=TODAY)
    assert len(problems) == 1 and not problems[0].blocking
    assert "ska vårdnadshavarna inte informeras" in problems[0].message


def test_other_concerns_allow_guardians_to_know():
    form = example_form(oro=["omsorgsbrist"], vardnadshavare_kanner_till="ja")
    assert validate(form, today=TODAY) == []


def test_parse_form_names_unknown_and_wrongly_typed_fields():
    with pytest.raises(FormError) as err:
        parse_form({"barnn": [], "barn": [{"namn": 3, "skonummer": "x"}], "akut_fara": "ja"})
    fields = [p.field for p in err.value.problems]
    assert sorted(fields) == ["akut_fara", "barn[0].namn", "barn[0].skonummer", "barnn"]


def test_parse_form_round_trips_to_dict():
    form = example_form()
    assert parse_form(form.to_dict()) == form


def test_an_empty_form_is_empty_and_a_typed_name_is_not():
    assert Form().is_empty()
    assert Form(anmalare=example_form().anmalare).is_empty()
    assert Form(vardnadshavare=(Guardian(), Guardian())).is_empty()
    assert not Form(barn=(Child(namn="A"),)).is_empty()


# --- rendering -------------------------------------------------------------------


def test_recipient_is_the_social_welfare_committee_of_the_childs_municipality():
    assert recipient("0380") == "Socialnämnden i Uppsala kommun"
    assert recipient("0180") == "Socialnämnden i Stockholms kommun"
    assert recipient("2514") == "Socialnämnden i Kalix kommun"


def test_text_report_keeps_own_observations_apart_from_what_was_told():
    text = render_orosanmalan(example_form(), "txt", 0)
    seen = text.index("DET HÄR HAR JAG SJÄLV SETT ELLER HÖRT")
    told = text.index("DET HÄR HAR JAG FÅTT VETA AV NÅGON ANNAN")
    assert seen < text.index("hörde jag en vuxen röst") < told < text.index("Mamman berättade")


def test_one_report_per_child_names_the_others_as_siblings():
    form = example_form()
    first, second = (render_orosanmalan(form, "txt", i) for i in (0, 1))
    assert "Namn: Saga Exempelsson" in first and "- Elis Exempelsson, 2019-08-30" in first
    assert "Namn: Elis Exempelsson" in second and "- Saga Exempelsson, 20150312-9809" in second
    assert "Anmälan 2 av 2" in second


def test_the_legal_reference_comes_from_config(monkeypatch):
    from fkstod.core.orosanmalan import render

    monkeypatch.setattr(
        render, "config", lambda: {"orosanmalan": {"lagrum": "LAG X", "riktlinje": "RIKTLINJE Y"}}
    )
    text = render_orosanmalan(example_form(), "txt")
    assert "LAG X" in text and "RIKTLINJE Y" in text
    assert "2025:400" not in text


@pytest.mark.parametrize("code", sorted(ORO_INTE_INFORMERA))
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_guardians_are_not_told_when_the_concern_is_one_of_the_do_not_tell_set(code, fmt):
    text = render_orosanmalan(example_form(oro=[code]), fmt)
    assert "Jag har inte informerat vårdnadshavarna om anmälan" in text
    other = render_orosanmalan(example_form(oro=["omsorgsbrist"]), fmt)
    assert "inte informerat vårdnadshavarna" not in other


def test_exploitation_is_a_concern_where_guardians_are_not_told():
    assert ORO_TYPER["exploatering"] == "Exploatering, prostitution eller människohandel"
    assert {"vald_i_familjen", "sexuella_overgrepp", "hedersrelaterat", "exploatering"} == set(
        ORO_INTE_INFORMERA
    )
    form = example_form(oro=["exploatering"], vardnadshavare_kanner_till="ja")
    advice = [p for p in validate(form, today=TODAY) if p.field == "vardnadshavare_kanner_till"]
    assert len(advice) == 1 and not advice[0].blocking and "exploatering" in advice[0].message


#: Words that would tell the caseworker or social services to let the guardians know.
TELL_GUARDIANS = (
    "informera vårdnadshavarna",
    "kontakta vårdnadshavarna",
    "berätta för vårdnadshavarna",
)


@pytest.mark.parametrize("code", sorted(ORO_INTE_INFORMERA))
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_no_report_suggests_telling_the_guardians_in_the_do_not_tell_cases(code, fmt):
    for knows in KANNEDOM:
        text = render_orosanmalan(
            example_form(oro=[code], vardnadshavare_kanner_till=knows), fmt
        ).lower()
        for words in TELL_GUARDIANS:
            assert words not in text


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_hostile_text_is_data_never_template_or_markup(fmt):
    data = example_input()
    data["egna_iakttagelser"] = HOSTILE
    data["barn"][0]["namn"] = "<b>{{ barn }}</b>"
    out = render_orosanmalan(parse_form(data), fmt)
    assert "49" not in out and "xxx" not in out
    if fmt == "txt":
        assert HOSTILE in out and "<b>{{ barn }}</b>" in out
    else:
        assert "<script>" not in out and "<b>{{" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "{{ 7*7 }}" in out and "&amp;amp;" in out
        assert "&lt;b&gt;{{ barn }}&lt;/b&gt;" in out


ADDRESS_WORDS = ("Påhittade gatan", "070-000 00 01", "Exempelskolan", "Förskolan Ekorren")


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_protected_personal_data_leaves_out_address_and_contact_and_marks_the_report(fmt):
    form = example_form(skyddade_personuppgifter=True)
    for index in range(len(form.barn)):
        out = render_orosanmalan(form, fmt, index)
        for word in ADDRESS_WORDS:
            assert word not in out
        assert "SKYDDADE PERSONUPPGIFTER" in out
        assert "010-000 00 00" in out  # the reporter's work phone stays


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_without_protection_the_address_is_there(fmt):
    out = render_orosanmalan(example_form(), fmt)
    assert all(word in out for word in ADDRESS_WORDS[:3])
    assert "SKYDDADE" not in out


def test_acute_danger_shows_first_with_whom_was_called():
    form = example_form(akut_fara=True, akut_kontakt="Socialjouren, kl. 14.10")
    text = render_orosanmalan(form, "txt")
    assert text.index("AKUT FARA") < text.index("BARNET\n")
    assert "Socialjouren, kl. 14.10" in text


def test_unknown_format_and_child_are_refused():
    with pytest.raises(ValueError):
        render_orosanmalan(example_form(), "docx")
    with pytest.raises(ValueError):
        render_orosanmalan(replace(example_form(), barn=()), "txt")


def test_lint_finds_names_the_report_context_does_not_have(tmp_path):
    from fkstod.core.lint import lint

    bad = tmp_path / "orosanmalan.txt.j2"
    bad.write_text("Hej {{ barn.namn }}\n{{ hemlig }}\n", encoding="utf-8")
    assert [str(p) for p in lint([bad])] == [f"{bad}:2: okänt namn i mallen: hemlig"]


def test_the_shipped_report_templates_lint_clean():
    from fkstod import paths
    from fkstod.core.lint import lint

    assert lint([paths.resource("templates")]) == []


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_guardians_who_know_are_not_said_to_have_been_left_uninformed(fmt):
    # "Vårdnadshavarna känner till anmälan: Ja" and then "Jag har inte informerat
    # vårdnadshavarna" read as a contradiction in the reporter's own name.
    knows = render_orosanmalan(
        example_form(oro=["vald_i_familjen"], vardnadshavare_kanner_till="ja"), fmt
    )
    assert "inte informerat vårdnadshavarna" not in knows
    unknown = render_orosanmalan(
        example_form(oro=["vald_i_familjen"], vardnadshavare_kanner_till="vet_ej"), fmt
    )
    assert "Jag har inte informerat vårdnadshavarna om anmälan" in unknown


def test_the_reporters_role_is_required_as_name_unit_and_phone_are():
    """DOMAIN.md: a report from an authority names the reporter's name, role, unit and phone."""
    form = example_form()
    no_role = replace(form, anmalare=replace(form.anmalare, titel="  "))
    problems = [p for p in validate(no_role, today=TODAY) if p.blocking]
    assert [p.label for p in problems] == ["Anmälare, din titel"]
