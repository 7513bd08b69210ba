"""What other areas ask of the directory."""

from pathlib import Path

from fkstod.core.directory import Directory

GOOD = Path(__file__).parent / "directory_files" / "lokala.csv"


def test_social_services_are_found_for_the_childs_kommun_only(memory_db):
    directory = Directory(memory_db)
    assert directory.socialtjanst_for("1280") is None  # nothing local imported yet
    directory.apply_import(directory.plan_import(GOOD))
    found = directory.socialtjanst_for("1280")
    assert found is not None and found.organisation == "Malmö stad"
    assert directory.socialtjanst_for("0180") is None


def test_a_web_address_is_shown_as_read_out():
    from fkstod.core.directory.validate import display_web

    assert display_web("https://www.jamstalldhetsmyndigheten.se/") == "jamstalldhetsmyndigheten.se"
    assert display_web("http://bris.se/hjalp") == "bris.se/hjalp"
    assert display_web("") == ""
