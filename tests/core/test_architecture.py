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


def _tool(name: str) -> Path:
    return Path(sys.executable).with_name(name)


def test_the_import_contracts_hold():
    # Layers (cli, app, ui, qt, core, paths), core without Qt, sections independent,
    # widgets without the database: [tool.importlinter] in pyproject.toml.
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return every group of modules that import each other, directly or around a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(edges[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return cycles


def test_the_cycle_finder_finds_a_circle():
    assert _import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_fkstod_imports_itself_around_a_circle():
    import grimp

    graph = grimp.build_graph("fkstod")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _import_cycles(edges) == []


def test_mypy_finds_nothing_in_the_core():
    result = subprocess.run([_tool("mypy")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


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
