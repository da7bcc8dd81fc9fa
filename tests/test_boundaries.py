"""The house plan holds: bot/ imports no edge, adapters run no SQL or spaCy, and no import
circles."""

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


def imported_modules(path: Path, *, typing_only: bool = True) -> list[str]:
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
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_CALLS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(folder.parent)} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for module in imported_modules(path)
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
    graph = _project_graph()
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert cycles == []


def test_the_circle_check_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(c) for c in _strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


def _is_type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (a package's __init__ is not counted as importing
    it)."""
    files = [p for folder in (CORE, EDGE) for p in folder.rglob("*.py")]
    names = {_module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        me = _module_name(path)
        targets = set()
        for module in imported_modules(path, typing_only=False):
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
