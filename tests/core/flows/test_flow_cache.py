"""The parsed flow library kept between starts: current, or parsed again; never trusted blindly."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.cache import MAGIC, FlowCache, library_key
from fkstod.core.flows.library import flows_folder
from tests.conftest import run_window_probe
from tests.unwritable import unwritable


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped flows, to change."""
    copy = tmp_path / "flows"
    shutil.copytree(flows_folder(), copy)
    return copy


def saved(cache: FlowCache):
    library = cache.load()
    assert cache.stale and cache.save() and not cache.stale
    return library


def test_a_saved_library_is_read_back_as_parsed_without_parsing(tmp_path, folder):
    parsed = saved(FlowCache(tmp_path / "flows.cache", folder))
    again = FlowCache(tmp_path / "flows.cache", folder)
    read = again.load()
    assert not again.stale  # from the cache
    assert read == parsed == load_library(folder)
    assert again.save() is False  # nothing to write


def test_a_flow_file_changed_added_or_removed_is_parsed_again(tmp_path, folder):
    path = tmp_path / "flows.cache"
    saved(FlowCache(path, folder))
    target = folder / "akut-fara.toml"
    text = target.read_text(encoding="utf-8")
    title = load_library(folder).get("akut-fara").title
    target.write_text(text.replace(title, "Ny rubrik", 1), encoding="utf-8")
    changed = FlowCache(path, folder)
    assert changed.load().get("akut-fara").title == "Ny rubrik" and changed.stale
    changed.save()
    shutil.copy(folder / "akut-fara.toml", folder / "kopia.toml")
    added = FlowCache(path, folder)
    assert len(added.load().unavailable) == 1  # the id is used twice
    assert not added.stale and added.save() is False  # not kept: parsed at every start
    (folder / "kopia.toml").unlink()
    removed = FlowCache(path, folder)
    # The files are as they were after the change again: the library then kept is current.
    library = removed.load()
    assert library.unavailable == [] and library.get("akut-fara").title == "Ny rubrik"
    assert not removed.stale


def test_a_flow_that_could_not_be_read_once_is_not_kept_for_the_next_start(
    tmp_path, folder, monkeypatch
):
    """A read that failed between the key and the parse (a virus scanner's lock, say)
    must not stay in the cache: a restart, the usual cure, would show the flow missing."""
    from fkstod.core import files
    from fkstod.core.flows import loader

    real = files.read_text

    def locked(path, *args, **kwargs):
        if Path(path).name == "akut-fara.toml":
            raise files.FileProblem(path, 0, "filen är låst av ett annat program")
        return real(path, *args, **kwargs)

    path = tmp_path / "flows.cache"
    with monkeypatch.context() as patched:
        patched.setattr(loader.files, "read_text", locked)
        first = FlowCache(path, folder)
        assert "akut-fara" not in first.load().flows  # the key's own read went well
        first.save()
    again = FlowCache(path, folder)
    assert "akut-fara" in again.load().flows


def test_the_key_changes_with_the_bytes_and_names_of_the_files(folder):
    key = library_key(folder)
    assert library_key(folder) == key
    (folder / "akut-fara.toml").rename(folder / "a.toml")
    assert library_key(folder) != key


def test_the_key_is_made_from_the_parsing_code_and_changes_with_it(tmp_path, folder, monkeypatch):
    from fkstod.core.flows import cache as cache_module

    for module in cache_module.CODE_MODULES:  # every module the key names is there to read
        assert (cache_module.CODE_ROOT.joinpath(*module.split(".")).with_suffix(".py")).is_file()
    copy = tmp_path / "code"
    shutil.copytree(cache_module.CODE_ROOT / "fkstod", copy / "fkstod")
    monkeypatch.setattr(cache_module, "CODE_ROOT", copy)
    key = library_key(folder)
    model = copy / "fkstod" / "core" / "flows" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert library_key(folder) != key


@pytest.mark.parametrize(
    "content",
    [
        b"",
        os.urandom(4096),
        MAGIC + b"\0" * 32 + b"not a pickle",
        "cut short",
        "another key",
        "not a library",
    ],
    ids=["empty", "random", "bad-pickle", "cut-short", "another-key", "not-a-library"],
)
def test_a_cache_that_is_not_current_and_whole_is_ignored_and_rewritten(tmp_path, folder, content):
    path = tmp_path / "flows.cache"
    good = saved(FlowCache(path, folder))
    whole = path.read_bytes()
    head = len(MAGIC) + 32
    data = {
        "cut short": whole[: len(whole) // 2],
        "another key": MAGIC + b"\1" * 32 + whole[head:],
        "not a library": whole[:head] + pickle.dumps({"flows": {}}),
    }.get(content, content)
    path.write_bytes(data)
    cache = FlowCache(path, folder)
    assert cache.load() == good and cache.stale
    assert cache.save() and path.read_bytes()[:head] == whole[:head]


class _Runs:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_cache_that_would_run_code_is_refused(tmp_path, folder, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "flows.cache"
    path.write_bytes(MAGIC + library_key(folder) + pickle.dumps(_Runs()))
    cache = FlowCache(path, folder)
    assert cache.load() == load_library(folder) and cache.stale
    assert not (tmp_path / "ran").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_data_folder_is_left_as_it_is(tmp_path, folder):
    data = tmp_path / "data"
    data.mkdir()
    with unwritable(data):
        cache = FlowCache(data / "flows.cache", folder)
        assert cache.load() == load_library(folder)
        assert cache.save() is False and cache.stale
        assert list(data.iterdir()) == []


def test_a_cache_path_that_cannot_be_a_file_is_no_fault(tmp_path, folder):
    (tmp_path / "flows.cache").mkdir()
    cache = FlowCache(tmp_path / "flows.cache", folder)
    assert cache.load() == load_library(folder)
    assert cache.save() is False


def _window_starts(data_folder, prepared: bool) -> list[str]:
    # Two starts of the real window; what each one's flow library came from.
    probe = (
        "import sys\n"
        "from fkstod import cli\n"
        "from fkstod.core.flows.cache import FlowCache\n"
        "seen = []\n"
        "real_init = FlowCache.__init__\n"
        "def init(self, path, folder=None, prepared=None):\n"
        f"    real_init(self, path, folder, prepared if {prepared} else None)\n"
        "FlowCache.__init__ = init\n"
        "real = FlowCache.load\n"
        "def load(self):\n"
        "    library = real(self)\n"
        "    seen.append('PARSED' if self.stale else 'CACHED')\n"
        "    return library\n"
        "FlowCache.load = load\n"
        "code = cli.main(['--data-dir', sys.argv[1], '--exit-when-ready'])\n"
        "print(*seen)\n"
        "sys.exit(code)\n"
    )
    seen = []
    for _start in range(2):
        seen += run_window_probe(probe, data_folder).stdout.split()
    return seen


def test_the_window_keeps_the_cache_in_the_data_folder_and_reads_it_next_time(data_folder):
    # Without a current prepared library (a checkout not set up, a changed flow).
    assert _window_starts(data_folder, prepared=False) == ["PARSED", "CACHED"]
    assert (data_folder / "flows.cache").read_bytes().startswith(MAGIC)


def test_the_windows_first_start_reads_the_prepared_library(data_folder):
    assert _window_starts(data_folder, prepared=True) == ["CACHED", "CACHED"]
    assert not (data_folder / "flows.cache").exists()  # nothing parsed, nothing to keep


def test_a_first_start_reads_the_prepared_library_without_parsing(tmp_path, folder, monkeypatch):
    from fkstod.core.flows import cache as cache_module
    from fkstod.core.flows.cache import write_prepared

    prepared = tmp_path / "resources" / "flows.cache"
    prepared.parent.mkdir()
    assert write_prepared(prepared, folder) == len(load_library(folder).ids())
    expected = load_library(folder)

    def no_parse(_folder):
        raise AssertionError("parsed although the prepared library is current")

    monkeypatch.setattr(cache_module, "load_library", no_parse)
    cache = FlowCache(tmp_path / "data" / "flows.cache", folder, prepared=prepared)
    assert cache.load() == expected
    assert not cache.stale  # nothing for the data folder to keep: the next start reads it too


def test_a_prepared_library_that_is_not_current_is_parsed_again(tmp_path, folder):
    from fkstod.core.flows.cache import write_prepared

    prepared = tmp_path / "flows.cache"
    write_prepared(prepared, folder)
    target = folder / "akut-fara.toml"
    title = load_library(folder).get("akut-fara").title
    target.write_text(target.read_text(encoding="utf-8").replace(title, "Ny", 1), encoding="utf-8")
    cache = FlowCache(tmp_path / "data.cache", folder, prepared=prepared)
    assert cache.load().get("akut-fara").title == "Ny"
    assert cache.stale  # parsed: kept in the data folder for the next start


def test_a_build_refuses_to_prepare_flows_that_cannot_be_used(tmp_path, folder):
    from fkstod.core.flows.cache import write_prepared

    shutil.copy(folder / "akut-fara.toml", folder / "kopia.toml")  # its id twice
    with pytest.raises(ValueError, match=r"kopia\.toml|akut-fara\.toml"):
        write_prepared(tmp_path / "flows.cache", folder)
    assert not (tmp_path / "flows.cache").exists()


def test_the_set_up_checkout_has_a_current_prepared_library():
    # build/dev.sh setup (the README's commands) prepares it, as a bundle ships it.
    from fkstod import paths
    from fkstod.core.flows.cache import PREPARED_NAME

    cache = FlowCache(Path("/nonexistent/flows.cache"), prepared=paths.resource(PREPARED_NAME))
    cache.load()
    assert not cache.stale, (
        "resources/flows.cache is missing or stale: run build/dev.sh setup "
        "(it says so when a flow cannot be used; fkstod lint says why)"
    )


def _prepare_flows_script():
    import importlib.util

    script = Path(__file__).resolve().parents[3] / "build" / "prepare_flows.py"
    spec = importlib.util.spec_from_file_location("prepare_flows_under_test", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def broken_flows(tmp_path, folder, monkeypatch):
    """The shipped flows with one id twice, where prepare_flows.py looks; its target."""
    from fkstod.core.flows import cache as cache_module

    shutil.copy(folder / "akut-fara.toml", folder / "kopia.toml")
    monkeypatch.setattr(cache_module, "flows_folder", lambda: folder)
    target = tmp_path / "resources" / "flows.cache"
    target.parent.mkdir()
    script = _prepare_flows_script()
    monkeypatch.setattr(script.paths, "resource", lambda _name: target)
    return script, target


def test_a_developers_set_up_goes_on_when_a_flow_cannot_be_used(broken_flows, capsys):
    # build/dev.sh runs under `set -e`: a flow being written (or an id used twice) must
    # not stop `setup`, `run`, `test` or `make lint`, which would show what is wrong.
    script, target = broken_flows
    assert script.main(["--if-possible"]) == 0
    assert not target.exists()
    err = capsys.readouterr().err
    assert "kopia.toml" in err and "när fkstod startar" in err
    dev = (Path(__file__).resolve().parents[3] / "build" / "dev.sh").read_text(encoding="utf-8")
    assert "build/prepare_flows.py --if-possible" in dev


def test_prepare_flows_run_by_hand_says_a_flow_cannot_be_used_with_exit_code_1(
    broken_flows, capsys
):
    script, target = broken_flows
    assert script.main([]) == 1
    assert not target.exists()
    assert "kopia.toml" in capsys.readouterr().err


def test_a_resource_folder_that_cannot_be_written_is_said_not_a_traceback(
    tmp_path, monkeypatch, capsys
):
    script = _prepare_flows_script()
    target = tmp_path / "resources"  # a folder where the file should be
    (target / "flows.cache").mkdir(parents=True)
    monkeypatch.setattr(script.paths, "resource", lambda _name: target / "flows.cache")
    assert script.main([]) == 1
    assert script.main(["--if-possible"]) == 0
    assert "flows.cache" in capsys.readouterr().err


def test_a_cache_names_no_folder_and_reads_back_in_the_folder_it_was_keyed_for(tmp_path, folder):
    # The prepared library is made on the build machine and shipped: it must carry
    # neither that machine's folders (a user name in a home folder) nor a path that
    # does not exist where it is read. Each flow's path is then in the folder read.
    from fkstod.core.flows.cache import write_prepared

    prepared = tmp_path / "flows.cache"
    write_prepared(prepared, folder)
    data_cache = tmp_path / "data.cache"
    saved(FlowCache(data_cache, folder))
    for written in (prepared, data_cache):
        data = written.read_bytes()
        assert str(folder).encode() not in data and str(tmp_path).encode() not in data
    installed = tmp_path / "installerad" / "resources" / "flows"
    shutil.copytree(folder, installed)
    for cache in (
        FlowCache(tmp_path / "saknas.cache", installed, prepared=prepared),
        FlowCache(data_cache, installed),
    ):
        library = cache.load()
        assert not cache.stale  # read, not parsed
        assert library == load_library(installed)
        assert {Path(f.path).parent for f in library.flows.values()} == {installed}


def run_the_spec(tmp_path, broken: bool = False):
    """Run installer.spec on a copy of the checkout, PyInstaller's classes stubbed.

    Returns (the copy, PyInstaller's exit as a process, what the spec gave Analysis).
    """
    repo = Path(__file__).resolve().parents[3]
    copy = tmp_path / "repo"
    shutil.copytree(repo / "fkstod", copy / "fkstod", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        repo / "resources", copy / "resources", ignore=shutil.ignore_patterns("flows.cache")
    )
    shutil.copy(repo / "installer.spec", copy / "installer.spec")
    if broken:  # an id used twice
        flows = copy / "resources" / "flows"
        shutil.copy(flows / "akut-fara.toml", flows / "kopia.toml")
    (copy / "dist" / "fkstod").mkdir(parents=True)
    probe = (
        "import json, sys, types\n"
        "seen = {}\n"
        "def Analysis(scripts, **kw):\n"
        "    seen['datas'] = kw['datas']\n"
        "    return types.SimpleNamespace(datas=[], binaries=[], pure=[], scripts=[])\n"
        "stub = lambda *a, **kw: object()\n"
        "spec = sys.argv[1] + '/installer.spec'\n"
        "names = dict(SPECPATH=sys.argv[1], DISTPATH=sys.argv[2], Analysis=Analysis,\n"
        "             PYZ=stub, EXE=stub, COLLECT=stub, __name__='__main__')\n"
        "exec(compile(open(spec, encoding='utf-8').read(), spec, 'exec'), names)\n"
        "from pathlib import Path\n"
        "from fkstod.core.flows import cache\n"
        "assert Path(cache.__file__).is_relative_to(sys.argv[1]), cache.__file__\n"
        "prepared = Path(sys.argv[1]) / 'resources' / cache.PREPARED_NAME\n"
        "probe = cache.FlowCache(Path(sys.argv[2]) / 'none', prepared=prepared)\n"
        "probe.load()\n"
        "print(json.dumps({'datas': seen['datas'], 'stale': probe.stale,\n"
        "                  'modules': cache.CODE_MODULES}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(copy), str(copy / "dist")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    return copy, result, json.loads(result.stdout) if result.returncode == 0 else None


def test_the_spec_itself_prepares_the_flows_and_ships_the_keys_sources(tmp_path):
    # A Windows bundle is built by running PyInstaller on installer.spec (build/README.md),
    # not through bundle.sh: the spec must make resources/flows.cache itself, with the
    # Python that freezes the bundle, and ship the sources its key is made from.
    copy, result, seen = run_the_spec(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (copy / "resources" / "flows.cache").is_file()
    assert seen["stale"] is False  # current for this code, these flows, this Python
    shipped = {Path(dest, Path(src).name).as_posix() for src, dest in seen["datas"][1:]}
    expected = {m.replace(".", "/") + ".py" for m in seen["modules"]}
    assert shipped == expected


def test_the_spec_stops_on_a_flow_that_cannot_be_used(tmp_path):
    copy, result, _seen = run_the_spec(tmp_path, broken=True)
    assert result.returncode == 1
    assert "installer.spec: " in result.stderr and "kopia.toml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "resources" / "flows.cache").exists()
