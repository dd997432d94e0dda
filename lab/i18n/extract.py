"""Babel's extraction method for the lab's Python: every `_()`, `N_()` and `ngettext()` called with literal
strings, found in the syntax tree. Babel's own Python extractor reads tokens, and on Python 3.11 an f-string is
one token, so a `_()` inside one would never reach the catalog, and no test would notice it missing."""

import ast
from collections.abc import Iterator
from typing import IO


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract_python(
    fileobj: IO[bytes], keywords: dict, comment_tags: list, options: dict
) -> Iterator[tuple[int, str, str | tuple[str, ...], list[str]]]:
    """(line, function, message or (singular, plural), comments) for each translatable call."""
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in keywords):
            continue
        strings = [_literal(argument) for argument in node.args]
        if node.func.id == "ngettext" and len(strings) >= 2 and strings[0] and strings[1]:
            yield node.lineno, node.func.id, (strings[0], strings[1]), []
        elif node.func.id != "ngettext" and strings and strings[0]:
            yield node.lineno, node.func.id, strings[0], []
