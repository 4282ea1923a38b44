"""The code's shape the design asks for: small classes (none over 200 lines, docstring included), and no
identity comparison of a spaCy token with its head."""
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


def test_no_token_is_compared_by_identity_with_its_head():
    # spaCy makes a new Token object on each access, so "token.head is token" is never true, even at a
    # root: a walk up the parse that stops on it climbs the root again until its step limit
    found = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops) \
                    and any(isinstance(side, ast.Attribute) and side.attr == "head"
                            for side in [node.left, *node.comparators]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert not found, "identity comparisons with a head: " + "; ".join(found)
