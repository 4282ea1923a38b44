"""The code's shape the design asks for: small classes (none over 200 lines, docstring included)."""
from __future__ import annotations

import ast

from tests.conftest import ROOT

#: The most lines a class may take (the project's design rule).
MAX_CLASS_LINES = 200


def test_no_class_is_longer_than_the_design_allows():
    long = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long, "classes over the limit: " + "; ".join(long)
