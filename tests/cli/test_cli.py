"""The command-line contract: exit codes, Swedish one-line errors, no traceback."""

from fkstod import __version__
from tests.conftest import run_fkstod


def test_version_prints_the_package_version():
    result = run_fkstod("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"fkstod {__version__}"


def test_unknown_subcommand_is_a_usage_error_on_one_swedish_line():
    result = run_fkstod("nonsense")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "ogiltigt val" in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error():
    result = run_fkstod("--frobnicate")
    assert result.returncode == 2
    assert "okänt argument" in result.stderr


def test_self_test_passes_on_the_shipped_resources(tmp_path):
    result = run_fkstod("self-test", env={"FKSTOD_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FEL" not in result.stdout
    assert list(tmp_path.iterdir()) == []  # the self-test uses a temporary database


def test_lint_of_the_shipped_resources_is_clean():
    result = run_fkstod("lint")
    assert result.returncode == 0, result.stdout


def test_lint_reports_path_line_message_and_exit_1(tmp_path):
    bad = tmp_path / "broken.txt.j2"
    bad.write_text("Hej\n{% if x %}\nslut\n", encoding="utf-8")
    result = run_fkstod("lint", str(bad))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{bad}:")
    line = int(result.stdout.split(":")[1])
    assert line >= 2


def test_lint_of_a_missing_file_is_bad_input(tmp_path):
    result = run_fkstod("lint", str(tmp_path / "saknas.j2"))
    assert result.returncode == 1
    assert "finns inte" in result.stdout


def test_a_corrupt_database_is_reported_when_the_command_line_recreates_it(tmp_path):
    (tmp_path / "fkstod.sqlite3").write_bytes(b"not a database" * 500)
    result = run_fkstod("usage", "show", env={"FKSTOD_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "flyttats" in result.stderr
    assert list((tmp_path / "quarantine").glob("*/fkstod.sqlite3"))


def test_a_data_dir_that_is_a_file_is_one_swedish_line(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    result = run_fkstod("--data-dir", str(blocker), "usage", "show")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "det finns redan en fil" in result.stderr or "inte en mapp" in result.stderr


def test_a_fault_of_fkstod_itself_is_one_swedish_line_not_a_traceback(monkeypatch, capsys):
    """A part missing from an installation (an ImportError) or a bug: said, exit 1."""
    from fkstod import cli
    from fkstod.cli import flows

    def broken(args):
        raise ImportError("libQt6Svg.so.6: cannot open shared object file")

    monkeypatch.setattr(flows, "list_flows", broken)
    code = cli.main(["flows", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("fkstod: ett fel i fkstod")
    assert "ImportError: libQt6Svg.so.6" in err  # what, for whoever reads the report


def test_directory_search_takes_a_kommun_by_name_and_a_limit_above_zero(tmp_path):
    env = {"FKSTOD_DATA_DIR": str(tmp_path)}
    by_name = run_fkstod("directory", "search", "jour", "--kommun", "Malmö", env=env)
    by_code = run_fkstod("directory", "search", "jour", "--kommun", "1280", env=env)
    assert by_name.returncode == 0 and by_name.stdout == by_code.stdout
    ambiguous = run_fkstod("directory", "search", "jour", "--kommun", "Habo", env=env)
    assert ambiguous.returncode == 1 and "Håbo (0305)" in ambiguous.stderr
    for bad in ("0", "-1", "tre"):
        result = run_fkstod("directory", "search", "jour", "--limit", bad, env=env)
        assert result.returncode == 2, bad
        assert "heltal större än 0" in result.stderr and "Traceback" not in result.stderr


def test_a_fault_before_any_command_runs_is_one_line_too(monkeypatch, capsys):
    from fkstod import cli

    def broken():
        raise RuntimeError("parsern gick sönder")

    monkeypatch.setattr(cli, "build_parser", broken)
    assert cli.main(["flows", "list"]) == 1
    err = capsys.readouterr().err
    assert "RuntimeError: parsern gick sönder" in err and "Traceback" not in err
