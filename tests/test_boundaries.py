"""The core never imports a chat platform (DESIGN.md: one core, many adapters)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "bot"
PLATFORMS = ("slack_bolt", "slack_sdk", "discord")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_bot_imports_no_chat_platform():
    offenders = [
        f"{path.relative_to(CORE.parent)} imports {module}"
        for path in CORE.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in PLATFORMS
    ]
    assert offenders == []


def test_the_check_would_see_such_an_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom slack_bolt import App\n")
    assert "slack_bolt" in list(imported_modules(bad))
