"""``fkstod flows list`` and ``fkstod flows outline`` per the command-line contract."""

from fkstod.core.flows import load_library
from tests.conftest import run_cli


def test_flows_list_shows_id_title_benefits_version():
    result = run_cli("flows", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    [row] = [line.split("\t") for line in lines if line.startswith("sjukpenning-fraga\t")]
    assert row[2] == "sjukpenning, rehabiliteringsersattning"
    assert row[3] == load_library().get("sjukpenning-fraga").version
    assert lines.index("\t".join(row)) < lines.index(next(x for x in lines if "(hopp)" in x))
    assert any(line.startswith("akut-fara\t") and "(hopp)" in line for line in lines)


def test_outline_text_has_every_step_and_what_to_say():
    result = run_cli("flows", "outline", "underhallsstod-fraga")
    assert result.returncode == 0
    assert "12. Fråga vid ett senare tillfälle [Slut]" in result.stdout
    assert "SÄG: Jag har några frågor" in result.stdout
    assert "[ ] Om kontakt mellan föräldrarna" in result.stdout


def test_outline_md_and_html():
    md = run_cli("flows", "outline", "sjukpenning-fraga", "--format", "md")
    assert md.stdout.startswith("# Fråga om våld")
    assert "*Berättar om våld*, sedan 10. Våldet och vägen tillbaka" in md.stdout
    html = run_cli("flows", "outline", "sjukpenning-fraga", "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert '<section id="fraga">' in html.stdout


def test_outline_of_an_unknown_flow_is_bad_input_in_swedish():
    result = run_cli("flows", "outline", "finns-inte")
    assert result.returncode == 1
    assert "flödet finns-inte finns inte" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_with_a_bad_format_is_a_usage_error():
    result = run_cli("flows", "outline", "akut-fara", "--format", "pdf")
    assert result.returncode == 2
