"""The house plan holds: bot/ imports no edge, adapters run no SQL or spaCy, no import circles,
and no module past MAX_LINES."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "bot"
EDGE = ROOT / "adapters"
PLATFORMS = ("slack_bolt", "slack_sdk", "discord", "aiohttp")
CORE_FORBIDS = ("adapters", "bench", "tests", *PLATFORMS)
EDGE_FORBIDS = ("sqlalchemy", "spacy", "psycopg")
IMPORT_CALLS = ("import_module", "__import__")
MAX_LINES = 300


def imported_modules(path: Path, *, typing_only: bool = True, root: Path = ROOT) -> list[str]:
    """Every module a file imports, in any form: top level, inside functions, or by name at run
    time.

    With typing_only=False, imports under `if TYPE_CHECKING:` (never run) are left out.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not typing_only:
        tree.body = [node for node in tree.body if not _is_type_checking_block(node)]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(path, node, root)
            if base:
                found.append(base)
            found.extend(f"{base}.{alias.name}".lstrip(".") for alias in node.names)
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_CALLS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(folder.parent)} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for module in imported_modules(path, root=folder.parent)
        if module.split(".")[0] in forbidden
    ]


def test_core_imports_no_adapter_platform_or_benchmark():
    assert offenders(CORE, CORE_FORBIDS) == []


def test_adapters_run_no_sql_and_no_spacy():
    assert offenders(EDGE, EDGE_FORBIDS) == []


@pytest.mark.parametrize(
    "planted",
    [
        "import adapters.console\n",
        "def f():\n    from adapters.cli import main\n",
        "import importlib\nimportlib.import_module('bench.queries')\n",
        "from slack_bolt import App\n",
        "def g():\n    import discord\n",
    ],
)
def test_the_check_sees_a_planted_import(tmp_path, planted):
    (tmp_path / "bad.py").write_text(planted)
    assert offenders(tmp_path, CORE_FORBIDS) != []


def test_no_import_circles():
    graph = _project_graph(ROOT, (CORE, EDGE))
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert cycles == []


def test_the_circle_check_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(c) for c in _strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("import pkg.b\n", "import pkg.a\n"),  # top level
        ("from . import b\n", "from .a import x\n"),  # relative
        ("from pkg.b import y\n", "def f():\n    from pkg import a\n"),  # inside a function
    ],
)
def test_the_circle_check_sees_a_planted_circle(tmp_path, first, second):
    package = _plant_package(tmp_path, {"a.py": first, "b.py": second})
    graph = _project_graph(tmp_path, (package,))
    assert [sorted(c) for c in _strongly_connected(graph) if len(c) > 1] == [["pkg.a", "pkg.b"]]


def test_a_type_checking_import_makes_no_circle(tmp_path):
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import y\n"
    package = _plant_package(tmp_path, {"a.py": guarded, "b.py": "from pkg.a import x\n"})
    graph = _project_graph(tmp_path, (package,))
    assert [c for c in _strongly_connected(graph) if len(c) > 1] == []


def test_no_module_over_the_size_limit():
    sizes = _module_sizes(ROOT, (CORE, EDGE))
    over = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert over == {}, f"split these modules (at most {MAX_LINES} lines): {over}"


def test_the_size_check_sees_a_long_module(tmp_path):
    package = _plant_package(tmp_path, {"long.py": "x = 1\n" * (MAX_LINES + 1), "ok.py": "y = 2\n"})
    sizes = _module_sizes(tmp_path, (package,))
    assert {name for name, lines in sizes.items() if lines > MAX_LINES} == {"pkg/long.py"}


def _is_type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _absolute(path: Path, node: ast.ImportFrom, root: Path) -> str:
    """The module a `from ... import` names; a relative one (`from .x import y`) is resolved
    against the package of `path`, named from `root`."""
    if node.level == 0:
        return node.module or ""
    package = path.relative_to(root).with_suffix("").parts[: -node.level]
    return ".".join([*package, *([node.module] if node.module else [])])


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_sizes(root: Path, folders: tuple[Path, ...]) -> dict[str, int]:
    """Lines per module, keyed by path from `root` (tests are not in these folders)."""
    return {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for folder in folders
        for path in sorted(folder.rglob("*.py"))
    }


def _plant_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in files.items():
        (package / name).write_text(text)
    return package


def _project_graph(root: Path, folders: tuple[Path, ...]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (a package's __init__ is not counted as importing
    it)."""
    files = [p for folder in folders for p in folder.rglob("*.py")]
    names = {_module_name(p, root) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        me = _module_name(path, root)
        targets = set()
        for module in imported_modules(path, typing_only=False, root=root):
            while module and module not in names:
                module = module.rpartition(".")[0]
            if module and module != me and not me.startswith(module + "."):
                targets.add(module)
        graph[me] = targets
    return graph


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative enough for a small graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            result.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result
