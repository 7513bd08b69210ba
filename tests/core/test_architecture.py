"""The house rules that code review would otherwise have to catch."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO


def test_importing_the_core_and_the_cli_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for p in (REPO / "fkstod" / "core").rglob("*.py")
    )
    modules = [m.removesuffix(".__init__") for m in modules] + [
        "fkstod.cli",
        "fkstod.cli.base",
        "fkstod.cli.data",
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import fkstod.cli; fkstod.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == ""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_widgets_never_open_the_database_or_build_core_services():
    for path in (REPO / "fkstod" / "ui").rglob("*.py"):
        imported = _imports(path)
        assert not {"sqlite3", "sqlite_utils", "fkstod.core.store"} & imported, path


def test_only_app_py_builds_both_core_services_and_widgets():
    for path in (REPO / "fkstod").rglob("*.py"):
        imported = _imports(path)
        uses_store = "fkstod.core.store" in imported
        uses_widgets = any(m.startswith("fkstod.ui") for m in imported)
        if uses_store and uses_widgets:
            assert path.name == "app.py", path


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "fkstod").rglob("__init__.py")
    }
    assert found <= listed, found - listed


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    check = subprocess.run([ruff, "check", "."], capture_output=True, text=True, cwd=REPO)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run([ruff, "format", "--check", "."], capture_output=True, text=True, cwd=REPO)
    assert fmt.returncode == 0, fmt.stdout


def test_a_start_with_a_current_schema_loads_neither_sqlite_utils_nor_jinja(tmp_path):
    # Nor the directory's search index: it is built when Stödkatalog is first opened.
    # Each costs tens of milliseconds to import; the start-up budget has no room for them.
    setup = (
        "from pathlib import Path; from fkstod.app import build_services;"
        f"build_services(Path({str(tmp_path)!r}))[0].db.close()"
    )
    probe = (
        "import sys; from pathlib import Path; from fkstod import app;"
        "qa = app.make_application();"
        f"services, _ = app.build_services(Path({str(tmp_path)!r}));"
        "window = app.build_window(services); window.show(); qa.processEvents();"
        "print(sorted(m for m in ('sqlite_utils', 'jinja2', 'fkstod.core.directory.index')"
        " if m in sys.modules))"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", setup], cwd=REPO, check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
