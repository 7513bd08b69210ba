"""Every file fkstod writes: all or nothing, and never over its own data.

The class: whatever fails during a write (the disk fills up, fsync or the final
rename fails, a text cannot be encoded, the renderer raises), the old file or
folder keeps its bytes and no other file appears beside it. Each writer fkstod
has is run through each fault.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from fkstod.core import files
from fkstod.core.directory import Directory, FileProblem, csvfile, hsds
from fkstod.core.files import NOTHING_PROTECTED, Protected
from fkstod.core.orosanmalan import example_input
from tests.conftest import run_cli


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Return every file and folder under ``folder`` with its bytes (None for a folder).

    A symlink is recorded as where it points, and not followed.
    """

    def content(p: Path) -> bytes | None:
        if p.is_symlink():
            return b"-> " + os.fsencode(os.readlink(p))
        return None if p.is_dir() else p.read_bytes()

    return {str(p.relative_to(folder)): content(p) for p in sorted(folder.rglob("*"))}


class Disk:
    """Stands in for ``os.write``, ``os.fsync``, ``os.replace`` and ``os.rename``.

    ``space`` bytes fit on the disk; then writes fail with ENOSPC, after a short
    write as a real disk gives. ``fail`` names a call that fails outright.
    """

    def __init__(self, monkeypatch, space: int | None = None, fail: str = "") -> None:
        self.space, self.fail = space, fail
        self.real_write = os.write
        for name in ("write", "fsync", "replace", "rename"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))

    def _wrap(self, name: str, real: Callable):
        def call(*args):
            if name == "write" and args[0] > 2 and self.space is not None:
                fd, data = args
                if self.space <= 0:
                    raise OSError(errno.ENOSPC, "No space left on device")
                part = bytes(data[: self.space])
                self.space -= len(part)
                return real(fd, part)
            if name == self.fail and not (name == "write" and args[0] <= 2):
                raise OSError(errno.EIO, f"{name} failed")
            return real(*args)

        return call


FAULTS = {
    "disk full at once": {"space": 0},
    "disk full midway": {"space": 700},
    "fsync fails": {"fail": "fsync"},
    "the final rename fails": {"fail": "replace"},
}


@pytest.fixture
def directory(memory_db) -> Directory:
    directory = Directory(memory_db)
    directory.apply_import(
        directory.plan_import(Path(__file__).parent / "directory_files" / "lokala.csv")
    )
    return directory


def _write_text(target: Path, _directory: Directory) -> None:
    files.write_file(target, "ny rapport\n" * 2000, NOTHING_PROTECTED)


def _write_csv(target: Path, directory: Directory) -> None:
    csvfile.write_csv(directory.entries(), target, NOTHING_PROTECTED)


def _export_csv(target: Path, directory: Directory) -> None:
    directory.export(target, "csv")


def _render_cli(fmt: str) -> Callable[[Path, Directory], None]:
    def render(target: Path, _directory: Directory) -> None:
        from fkstod.cli import main

        source = target.parent.parent / "in.json"
        source.write_text(json.dumps(example_input()), encoding="utf-8")
        code = main(
            [
                "--data-dir",
                str(target.parent.parent / "data"),
                "orosanmalan",
                "render",
                str(source),
                "--format",
                fmt,
                "--barn",
                "1",
                "--out",
                str(target),
            ]
        )
        if code:
            raise FileProblem(target, 0, "exit 1")

    return render


FILE_WRITERS = {
    "write_file": _write_text,
    "csvfile.write_csv": _write_csv,
    "directory export csv": _export_csv,
    "orosanmalan render txt": _render_cli("txt"),
    "orosanmalan render html": _render_cli("html"),
    "orosanmalan render pdf": _render_cli("pdf"),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("writer", FILE_WRITERS)
def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    tmp_path, monkeypatch, directory, writer, fault, request
):
    if writer.endswith("pdf"):
        # pytest-qt's QApplication, before the renderer would start a bare QGuiApplication.
        request.getfixturevalue("qapp")
    folder = tmp_path / "ut"
    folder.mkdir()
    target = folder / "rapport.txt"
    target.write_bytes(b"den gamla rapporten, hel\n")
    (folder / "granne.txt").write_bytes(b"en annan fil")
    before = snapshot(folder)
    FILE_WRITERS[writer](folder / "prov.txt", directory)  # the writer works without a fault
    (folder / "prov.txt").unlink()
    Disk(monkeypatch, **FAULTS[fault])
    with pytest.raises(FileProblem):
        FILE_WRITERS[writer](target, directory)
    assert snapshot(folder) == before


@pytest.mark.parametrize("fault", [*FAULTS, "moving the old package aside fails"])
def test_a_failed_hsds_export_leaves_the_old_package_and_nothing_else(
    tmp_path, monkeypatch, directory, fault
):
    package = tmp_path / "paket"
    directory.export(package, "hsds")
    (package / "service.csv").write_bytes(b"id\r\nden-gamla\r\n")
    before = snapshot(tmp_path)
    kwargs = {"fail": "rename"} if fault.startswith("moving") else dict(FAULTS[fault])
    if kwargs.get("fail") == "replace":
        kwargs["fail"] = "rename"  # a folder takes its name with os.rename
    Disk(monkeypatch, **kwargs)
    with pytest.raises(FileProblem, match="kunde inte sparas"):
        directory.export(package, "hsds")
    assert snapshot(tmp_path) == before


def test_when_the_new_package_cannot_take_the_name_the_old_one_is_put_back(
    tmp_path, monkeypatch, directory
):
    package = tmp_path / "paket"
    directory.export(package, "hsds")
    before = snapshot(tmp_path)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src).name.endswith(files.TEMP_SUFFIX) and Path(dst) == package:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(FileProblem):
        directory.export(package, "hsds")
    assert snapshot(tmp_path) == before


def test_a_new_hsds_package_replaces_the_old_one_whole(tmp_path, directory):
    package = tmp_path / "paket"
    directory.export(package, "hsds")
    (package / "service.csv").write_bytes(b"id\r\nden-gamla\r\n")
    directory.export(package, "hsds")
    assert b"den-gamla" not in (package / "service.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paket"]
    assert hsds.read_package(package)


def test_a_failed_first_hsds_export_leaves_no_folder(tmp_path, monkeypatch, directory):
    Disk(monkeypatch, space=3000)
    with pytest.raises(FileProblem, match="disken är full"):
        directory.export(tmp_path / "paket", "hsds")
    assert list(tmp_path.iterdir()) == []


def test_a_text_that_cannot_be_encoded_writes_nothing(tmp_path, directory):
    target = tmp_path / "katalog.csv"
    target.write_bytes(b"gammal")
    broken = dataclasses.replace(directory.local_entries()[0], organisation="Jour \udc80")
    with pytest.raises(FileProblem, match="inte går att spara"):
        csvfile.write_csv([broken], target, NOTHING_PROTECTED)
    with pytest.raises(FileProblem, match="inte går att spara"):
        hsds.write_package([broken], tmp_path / "paket", NOTHING_PROTECTED)
    assert snapshot(tmp_path) == {"katalog.csv": b"gammal"}


def test_a_render_that_raises_leaves_the_existing_report(tmp_path, monkeypatch, capsys):
    from fkstod.cli import main

    source = tmp_path / "in.json"
    source.write_text(json.dumps(example_input()), encoding="utf-8")
    out = tmp_path / "rapport.txt"
    out.write_bytes(b"den gamla rapporten")

    def broken(*args, **kwargs):
        raise RuntimeError("mallen gick sönder")

    monkeypatch.setattr("fkstod.core.orosanmalan.render_orosanmalan", broken)
    argv = ["--data-dir", str(tmp_path / "d"), "orosanmalan", "render", str(source)]
    assert main([*argv, "--barn", "1", "--out", str(out)]) == 1
    assert "RuntimeError: mallen gick sönder" in capsys.readouterr().err  # one line, no traceback
    assert out.read_bytes() == b"den gamla rapporten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "rapport.txt"]


def test_a_successful_write_keeps_the_mode_and_follows_a_symlink(tmp_path):
    real = tmp_path / "verklig.txt"
    real.write_bytes(b"gammal")
    real.chmod(0o640)
    link = tmp_path / "genväg.txt"
    link.symlink_to(real)
    assert files.write_file(link, "ny", NOTHING_PROTECTED) == real
    assert real.read_bytes() == b"ny" and link.is_symlink()
    assert real.stat().st_mode & 0o777 == 0o640
    new = tmp_path / "ny.txt"
    files.write_file(new, b"x", NOTHING_PROTECTED)
    mask = os.umask(0)
    os.umask(mask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["genväg.txt", "ny.txt", "verklig.txt"]


def test_a_temp_file_left_by_a_killed_write_is_removed_by_the_next(tmp_path):
    stale = tmp_path / f".rapport.txt.abc123{files.TEMP_SUFFIX}"
    stale.write_bytes(b"halva anmalan om barnet")
    old = os.path.getmtime(stale) - files.STALE_AFTER_S - 1
    os.utime(stale, (old, old))
    running = tmp_path / f".rapport.txt.def456{files.TEMP_SUFFIX}"  # a write under way
    running.write_bytes(b"")
    other = tmp_path / f".annan.txt.abc123{files.TEMP_SUFFIX}"
    other.write_bytes(b"")
    os.utime(other, (old, old))
    files.write_file(tmp_path / "rapport.txt", "ny", NOTHING_PROTECTED)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["rapport.txt", running.name, other.name]
    )


def test_a_folder_is_not_replaced_by_a_file(tmp_path):
    (tmp_path / "mapp").mkdir()
    with pytest.raises(FileProblem, match="mapp med det namnet"):
        files.write_file(tmp_path / "mapp", "x", NOTHING_PROTECTED)
    assert (tmp_path / "mapp").is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_device_or_a_pipe_is_never_replaced(tmp_path):
    # Checked with a pipe of our own: a regression would replace /dev/null for a root user.
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "länk").symlink_to(tmp_path / "pipe")
    for target in (tmp_path / "pipe", tmp_path / "länk"):
        with pytest.raises(FileProblem, match="inte en vanlig fil"):
            files.write_file(target, "x", NOTHING_PROTECTED)
    assert (tmp_path / "pipe").is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["länk", "pipe"]


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileProblem, match="finns inte"):
        files.write_file(tmp_path / "saknas" / "x.txt", "x", NOTHING_PROTECTED)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("folder", [False, True])
def test_a_name_too_long_for_the_file_system_is_a_message(tmp_path, folder):
    # Path.is_dir() raises for ENAMETOOLONG instead of answering False.
    target = tmp_path / ("x" * 300 + ("" if folder else ".txt"))
    with pytest.raises(FileProblem, match="namnet är för långt"):
        if folder:
            files.write_folder(target, {"a.csv": "x"}, NOTHING_PROTECTED)
        else:
            files.write_file(target, "x", NOTHING_PROTECTED)
    assert list(tmp_path.iterdir()) == []


def test_cli_render_to_a_name_too_long_is_exit_1_in_swedish(tmp_path):
    example = run_cli("orosanmalan", "example")
    source = tmp_path / "in.json"
    source.write_text(example.stdout, encoding="utf-8")
    out = tmp_path / ("x" * 300 + ".txt")
    result = run_cli("orosanmalan", "render", str(source), "--out", str(out))
    assert result.returncode == 1
    assert "namnet är för långt" in result.stderr
    assert "Errno" not in result.stderr and "fel i fkstod" not in result.stderr


# -- a real full disk ----------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 kB tmpfs: only when the tests run as root and may mount one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to mount a tmpfs")
    mount = tmp_path / "liten"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_full_disk_keeps_the_old_report_and_leaves_no_part_of_the_new(tiny_disk):
    target = tiny_disk / "rapport.txt"
    target.write_bytes(b"den gamla rapporten")
    with pytest.raises(FileProblem, match="disken är full"):
        files.write_file(target, "barnets namn\n" * 20_000, NOTHING_PROTECTED)
    assert snapshot(tiny_disk) == {"rapport.txt": b"den gamla rapporten"}


def test_a_real_full_disk_keeps_the_old_package(tiny_disk):
    package = tiny_disk / "paket"
    files.write_folder(package, {"service.csv": "id\r\n1\r\n"}, NOTHING_PROTECTED)
    before = snapshot(tiny_disk)
    big = {f"t{n}.csv": "x" * 20_000 for n in range(5)}
    with pytest.raises(FileProblem, match="disken är full"):
        files.write_folder(package, big, NOTHING_PROTECTED)
    assert snapshot(tiny_disk) == before


# -- fkstod never overwrites its own data --------------------------------------


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fkstod.sqlite3").write_bytes(b"SQLite format 3\x00 databasen")
    return folder


def refused_targets(data: Path) -> dict[str, Path]:
    outside = data.parent / "genväg"
    outside.symlink_to(data)
    (data.parent / "länk.csv").symlink_to(data / "fkstod.sqlite3")
    return {
        "the database": data / "fkstod.sqlite3",
        "a new file in the data folder": data / "x.csv",
        "through a folder symlink": outside / "x.csv",
        "a symlink to the database": data.parent / "länk.csv",
        "through ..": data / ".." / data.name / "x.csv",
        "a subfolder": data / "quarantine" / "x.csv",
    }


def test_no_output_goes_into_the_data_folder(data):
    keep = Protected(folders=(data,))
    for what, target in refused_targets(data).items():
        before = snapshot(data.parent)
        with pytest.raises(FileProblem, match="datamapp") as refused:
            files.write_file(target, "x", keep)
        assert "ingenting har ändrats" in refused.value.message, what
        assert snapshot(data.parent) == before, what


def test_no_package_goes_into_around_or_over_the_data_folder(data):
    keep = Protected(folders=(data,))
    before = snapshot(data.parent)
    for target in (data, data / "paket", data.parent, data / ".." / data.name):
        with pytest.raises(FileProblem, match="datamapp"):
            files.write_folder(target, {"service.csv": "id\r\n"}, keep)
    assert snapshot(data.parent) == before


def test_a_symlink_loop_is_a_message(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(FileProblem, match="går inte att följa"):
        files.write_file(tmp_path / "a", "x", NOTHING_PROTECTED)


def test_a_bind_mount_of_the_data_folder_is_the_data_folder(data, tiny_disk):
    # Stands for any second name of the same folder that resolve() cannot see
    # through (a name in another case on macOS, a bind mount on Linux).
    done = subprocess.run(["mount", "--bind", str(data), str(tiny_disk)], check=False)
    if done.returncode:
        pytest.skip("cannot bind-mount")
    try:
        with pytest.raises(FileProblem, match="datamapp"):
            files.write_file(tiny_disk / "fkstod.sqlite3", "x", Protected(folders=(data,)))
    finally:
        subprocess.run(["umount", str(tiny_disk)], check=False)
    assert (data / "fkstod.sqlite3").read_bytes().endswith(b"databasen")


def test_an_output_is_never_the_input(tmp_path):
    source = tmp_path / "in.json"
    source.write_bytes(b"{}")
    (tmp_path / "hård.json").hardlink_to(source)
    keep = Protected(files=(source,))
    for target in (source, tmp_path / "." / "in.json", tmp_path / "hård.json"):
        with pytest.raises(FileProblem, match="filen som läses in"):
            files.write_file(target, "x", keep)
    assert source.read_bytes() == b"{}"


def test_a_directory_export_refuses_the_data_folder(data, memory_db):
    directory = Directory(memory_db, protected=Protected(folders=(data,)))
    before = snapshot(data.parent)
    for fmt, target in (("csv", data / "fkstod.sqlite3"), ("hsds", data)):
        with pytest.raises(FileProblem, match="datamapp"):
            directory.export(target, fmt)
    assert snapshot(data.parent) == before


# -- the command line refuses the same, exit 1, nothing changed ----------------


def _database_state(data: Path) -> dict[str, bytes | None]:
    # SQLite's -wal and -shm come and go with each connection; the database stays.
    return {k: v for k, v in snapshot(data).items() if not k.endswith(("-wal", "-shm"))}


def test_cli_directory_export_never_replaces_the_database(tmp_path):
    from tests.conftest import run_fkstod

    data = tmp_path / "data"
    env = {"FKSTOD_DATA_DIR": str(data)}
    assert run_fkstod("usage", "show", env=env).returncode == 0  # creates the database
    before = _database_state(data)
    assert "fkstod.sqlite3" in before
    (tmp_path / "genväg").symlink_to(data)
    (tmp_path / "länk.sqlite3").symlink_to(data / "fkstod.sqlite3")
    for args in (
        [str(data / "fkstod.sqlite3")],
        [str(tmp_path / "genväg" / "fkstod.sqlite3")],
        [str(tmp_path / "länk.sqlite3")],
        [f"{data}/../{data.name}/x.csv"],
        [str(data), "--format", "hsds"],
        [str(data / "paket"), "--format", "hsds"],
        [str(tmp_path), "--format", "hsds"],
    ):
        result = run_fkstod("directory", "export", *args, env=env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "datamapp" in result.stderr and "Traceback" not in result.stderr
        assert _database_state(data) == before, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "genväg", "länk.sqlite3"]


def test_cli_render_never_replaces_its_input(tmp_path):
    from tests.conftest import run_fkstod

    source = tmp_path / "in.json"
    source.write_text(json.dumps(example_input()), encoding="utf-8")
    before = snapshot(tmp_path)
    for out in (source, tmp_path / "." / "in.json"):
        result = run_fkstod("orosanmalan", "render", str(source), "--barn", "1", "--out", str(out))
        assert result.returncode == 1 and "filen som läses in" in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_cli_render_checks_every_child_s_file_before_writing_any(tmp_path):
    from tests.conftest import run_fkstod

    data = tmp_path / "data"
    data.mkdir()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(example_input()), encoding="utf-8")
    (tmp_path / "ut-barn2.txt").symlink_to(data / "x.txt")  # the second child's name
    before = snapshot(tmp_path)
    result = run_fkstod(
        "--data-dir",
        str(data),
        "orosanmalan",
        "render",
        str(source),
        "--out",
        str(tmp_path / "ut.txt"),
    )
    assert result.returncode == 1 and "datamapp" in result.stderr
    assert snapshot(tmp_path) == before


# -- one mechanism: nothing else in fkstod touches a file ---------------------

#: Modules that handle files of their own, not a user's: (module, why).
OWN_FILES = {
    "fkstod/core/files.py": "the one mechanism",
    "fkstod/core/store.py": "SQLite writes the database; quarantine moves it with its journals",
    "fkstod/core/store_health.py": "reads the database header to tell ours from another program's",
    "fkstod/core/instance.py": "the lock file in the data folder",
    "fkstod/core/selftest.py": "a temporary database, removed when the self-test ends",
}
#: Single calls allowed elsewhere: (module, call as written).
ALLOWED_CALLS = {
    ("fkstod/app.py", "folder.mkdir"),  # the data folder itself
    ("fkstod/cli/__init__.py", "os.open"),  # os.devnull, put behind a closed stdout
    ("fkstod/qt/render_pdf.py", "buffer.open"),  # a QBuffer in memory
    ("fkstod/qt/charts.py", "buffer.open"),  # a QBuffer in memory (PNG and PDF)
    ("fkstod/qt/diagram.py", "buffer.open"),  # a QBuffer in memory (PNG, SVG, PDF)
    ("fkstod/qt/private_file_dialog.py", "path.unlink"),  # Qt's own settings file
    ("fkstod/qt/screen_fit.py", "window.move"),  # QWidget.move: into the screen, no file
}
_FILE_CALLS = {
    "open",
    "write_text",
    "write_bytes",
    "read_text",
    "read_bytes",
    "mkstemp",
    "mkdtemp",
    "NamedTemporaryFile",
    "replace",
    "rename",
    "copy",
    "copy2",
    "copyfile",
    "move",
    "rmtree",
    "unlink",
    "mkdir",
    "touch",
    "setOutputFileName",
    "QFile",
    "QSaveFile",
}


def test_every_file_is_written_and_read_through_core_files():
    import ast

    repo = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted((repo / "fkstod").rglob("*.py")):
        module = path.relative_to(repo).as_posix()
        if module in OWN_FILES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute):
                owner = ast.unparse(func.value)
                if func.attr not in _FILE_CALLS or owner == "files":
                    continue
                if func.attr == "replace" and owner != "os":
                    continue  # str.replace and dataclasses.replace
                call = f"{owner}.{func.attr}"
            elif isinstance(func, ast.Name) and func.id in {"open", "QFile", "QSaveFile"}:
                call = func.id
            elif isinstance(func, ast.Name) and func.id == "QPdfWriter":
                if ast.unparse(node.args[0]) == "buffer":
                    continue  # painted into memory, handed to core as bytes
                call = func.id
            else:
                continue
            if (module, call) not in ALLOWED_CALLS:
                found.append(f"{module}:{node.lineno}: {call}")
    assert found == [], "write and read files through fkstod.core.files:\n" + "\n".join(found)


def test_no_write_is_a_json_file_of_a_folder_read_as_exports(tmp_path):
    # A merge reads every *.json of its folders: none may be an output, there yet or not.
    from fkstod.core.files import FileProblem, Protected, write_file

    folder = tmp_path / "exporter"
    folder.mkdir()
    export = folder / "anna.json"
    export.write_bytes(b"{}")
    guard = Protected(read_folders=(folder,))
    for target in (export, folder / "Ny.Json"):
        with pytest.raises(FileProblem, match="mappen med exporter som läses in"):
            write_file(target, b"rapport", guard)
    assert export.read_bytes() == b"{}" and not (folder / "Ny.Json").exists()
    write_file(folder / "rapport.csv", b"rapport", guard)  # another ending: welcome
    (folder / "inner").mkdir()
    write_file(folder / "inner" / "x.json", b"{}", guard)  # a folder inside is not read
    assert (folder / "rapport.csv").exists() and (folder / "inner" / "x.json").exists()
