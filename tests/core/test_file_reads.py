"""Every file fkstod reads: regular files only, a named size cap, UTF-8 with or without BOM.

A device such as ``/dev/zero`` never ends, a named pipe blocks until someone
writes to it, a folder is not a file: each is refused before it is opened, by
every entry point that takes a file. The command-line tests run in a subprocess
with a timeout, so a read that blocks fails the test instead of hanging it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import pytest

from fkstod.core import files
from fkstod.core.directory import Directory, FileProblem
from fkstod.core.flows.loader import read_flow_file
from fkstod.core.orosanmalan import example_input
from fkstod.paths import resource
from tests.conftest import run_fkstod

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def special_files(tmp_path: Path, name: str) -> dict[str, Path]:
    """Return a folder, a named pipe and a device, each standing where a file named ``name`` is expected."""
    out: dict[str, Path] = {}
    folder = tmp_path / "mapp" / name
    folder.mkdir(parents=True)
    out["a folder"] = folder
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe" / name
        pipe.parent.mkdir()
        os.mkfifo(pipe)
        out["a named pipe"] = pipe
    if Path("/dev/zero").exists():
        device = tmp_path / "enhet" / name
        device.parent.mkdir()
        device.symlink_to("/dev/zero")
        out["/dev/zero"] = device
        out["/dev/zero itself"] = Path("/dev/zero")
    return out


def test_only_regular_files_are_read(tmp_path):
    for what, path in special_files(tmp_path, "in.json").items():
        with pytest.raises(FileProblem) as refused:
            files.read_bytes(path, 1024)
        words = "mapp" if what == "a folder" else "inte en vanlig fil"
        assert words in refused.value.message, what


def test_the_size_cap_is_named(tmp_path):
    big = tmp_path / "stor.json"
    big.write_bytes(b"x" * 3000)
    with pytest.raises(FileProblem, match=r"för stor \(3 kB, högst 2 kB\)"):
        files.read_bytes(big, 2048)
    assert files.read_bytes(big, 3000) == b"x" * 3000


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_that_says_it_is_empty_is_still_capped():
    # Files in /proc report 0 bytes and hold more.
    with pytest.raises(FileProblem, match="större än 1 kB"):
        files.read_bytes(Path("/proc/self/status"), 1024)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileProblem, match="filen finns inte"):
        files.read_bytes(tmp_path / "saknas.json", 10)


def test_a_bom_is_dropped_and_non_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    assert files.read_text(path, 100) == "a = 1\n"
    path.write_bytes(b'\xef\xbb\xbfa = 1\nb = 2\nc = "\xe5"\n')
    with pytest.raises(FileProblem) as refused:
        files.read_text(path, 100)
    assert refused.value.line == 3
    assert "byte 21" in refused.value.message and "rad 3" in refused.value.message
    assert str(refused.value).startswith(f"{path}:3: filen är inte UTF-8")


def test_a_flow_file_with_a_bom_reads_like_one_without(tmp_path):
    source = resource("flows/akut-fara.toml")
    copy = tmp_path / "flows" / "akut-fara.toml"
    copy.parent.mkdir()
    copy.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    flow, problems = read_flow_file(copy)
    original = read_flow_file(source)[0]
    assert problems == [] and flow is not None and original is not None
    assert dataclasses.replace(flow, path=original.path) == original


def test_a_flow_file_that_is_not_utf8_names_the_line(tmp_path):
    copy = tmp_path / "flows" / "x.toml"
    copy.parent.mkdir()
    copy.write_bytes(b'id = "x"\ntitle = "\xe4"\n')
    _flow, problems = read_flow_file(copy)
    assert [(p.line, "inte UTF-8" in p.message) for p in problems] == [(2, True)]


@posix_only
def test_a_flow_folder_with_a_pipe_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    os.mkfifo(folder / "pipe.toml")
    _flow, problems = read_flow_file(folder / "pipe.toml")
    assert "inte en vanlig fil" in problems[0].message


def test_directory_import_refuses_special_files_before_reading(tmp_path, memory_db):
    directory = Directory(memory_db)
    for what, path in special_files(tmp_path, "lokala.csv").items():
        if what == "a folder":
            continue  # a folder is an HSDS package: below
        with pytest.raises(FileProblem, match="inte en vanlig fil"):
            directory.plan_import(path)


@posix_only
def test_hsds_import_refuses_member_files_that_are_not_regular(tmp_path, memory_db):
    directory = Directory(memory_db)
    package = tmp_path / "paket"
    directory.export(package, "hsds")
    for member, kind in (
        ("service.csv", "pipe"),
        ("phone.csv", "folder"),
        ("datapackage.json", "pipe"),
    ):
        target = package / member
        saved = target.read_bytes()
        target.unlink()
        if kind == "pipe":
            os.mkfifo(target)
        else:
            target.mkdir()
        with pytest.raises(FileProblem) as refused:
            directory.plan_import(package)
        assert member in refused.value.path
        assert "inte en vanlig fil" in refused.value.message or "mapp" in refused.value.message
        target.unlink() if kind == "pipe" else target.rmdir()
        target.write_bytes(saved)
    assert directory.plan_import(package).ok


# -- the command line: exit 1, a Swedish line, no traceback, no wait ------------


def assert_refused(result, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("entry", ["render", "import", "lint"])
def test_every_entry_point_refuses_special_files(tmp_path, entry):
    name = {"render": "in.json", "import": "lokala.csv", "lint": "lokala.csv"}[entry]
    env = {"FKSTOD_DATA_DIR": str(tmp_path / "data")}
    for what, path in special_files(tmp_path, name).items():
        if entry == "render":
            args = ["orosanmalan", "render", str(path), "--out", str(tmp_path / "ut.txt")]
        elif entry == "import":
            if what == "a folder":
                continue  # an HSDS package
            args = ["directory", "import", str(path)]
        else:
            if what == "a folder":
                continue  # lint checks the files in a folder
            args = ["lint", str(path)]
        result = run_fkstod(*args, env=env, timeout=30)
        words = "mapp" if what == "a folder" else "inte en vanlig fil"
        assert_refused(result, str(path), words)
        assert not (tmp_path / "ut.txt").exists()


@pytest.mark.parametrize("entry", ["render", "import", "lint", "aggregate"])
@pytest.mark.parametrize("suffix", ["", ".csv"])
def test_every_entry_point_names_an_input_whose_name_is_too_long(tmp_path, entry, suffix):
    # Path.is_dir() raises for such a name: it was reported as a fault of fkstod.
    path = tmp_path / ("x" * 300 + suffix)
    args = {
        "render": ["orosanmalan", "render", str(path), "--out", str(tmp_path / "ut.txt")],
        "import": ["directory", "import", str(path)],
        "lint": ["lint", str(path)],
        "aggregate": ["usage", "aggregate", str(path), "--out", str(tmp_path / "ut.csv")],
    }[entry]
    result = run_fkstod(*args, env={"FKSTOD_DATA_DIR": str(tmp_path / "data")}, timeout=30)
    if entry == "lint":  # lint lists the file's problem and goes on
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "namnet är för långt" in result.stdout + result.stderr
    else:
        assert_refused(result, str(path), "namnet är för långt")
    assert "fel i fkstod" not in result.stderr and "Errno" not in result.stderr


@posix_only
def test_lint_of_a_pipe_in_a_flows_folder_does_not_wait(tmp_path):
    folder = tmp_path / "flows"
    folder.mkdir()
    os.mkfifo(folder / "x.toml")
    assert_refused(run_fkstod("lint", str(folder / "x.toml"), timeout=30), "inte en vanlig fil")


def test_render_accepts_a_json_file_with_a_bom(tmp_path):
    source = tmp_path / "in.json"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(example_input()).encode("utf-8"))
    out = tmp_path / "ut.txt"
    result = run_fkstod("orosanmalan", "render", str(source), "--barn", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "OROSANMÄLAN" in out.read_text(encoding="utf-8")


def test_render_names_the_line_and_byte_of_non_utf8(tmp_path):
    source = tmp_path / "in.json"
    source.write_bytes(b'{\n  "barn": [],\n  "x": "\xe5"\n}\n')
    result = run_fkstod("orosanmalan", "render", str(source), "--out", str(tmp_path / "ut.txt"))
    assert_refused(result, f"{source}:3:", "inte UTF-8", "byte 25")


def test_render_of_a_missing_input_is_bad_input(tmp_path):
    result = run_fkstod(
        "orosanmalan", "render", str(tmp_path / "saknas.json"), "--out", str(tmp_path / "u.txt")
    )
    assert_refused(result, "filen finns inte")


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_lint_and_import_of_dev_zero_itself(tmp_path):
    env = {"FKSTOD_DATA_DIR": str(tmp_path / "data")}
    assert_refused(run_fkstod("lint", "/dev/zero", timeout=30), "inte en vanlig fil")
    assert_refused(
        run_fkstod("directory", "import", "/dev/zero", env=env, timeout=30), "inte en vanlig fil"
    )
