"""No conflict is named in code: the states, demonyms and places of the shipped conflicts live in packs.

The test reads every non-test Python module and looks at what the code says — string literals and
identifiers, not comments or docstrings (examples there are documentation) — for the names of the
states and the demonyms of every shipped pack.  Migrations are history; the sample report and the
benchmarks are generators of invented coverage (data, not behaviour), so they are left out.
"""

import ast
import re
from pathlib import Path

from sources.conflict_packs import pack_read, shipped_pack_paths

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_PARTS = {".venv", "tests", "migrations", "bench", "node_modules"}
SKIPPED_FILES = {"reports/sample/data.py", "conftest.py"}


def conflict_words() -> set[str]:
    words: set[str] = set()
    for path in shipped_pack_paths():
        pack = pack_read(path)
        roots = {root for side in pack.sides if side.kind == "belligerent" for root in side.roots}
        for party in pack.parties:
            if party.name in roots and party.kind in ("state", "de_facto"):
                words.add(party.name.lower())
                words.update(demonym.lower() for demonym in party.demonyms)
    return {word for word in words if len(word) > 3}


def code_texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring, and of every identifier."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Name):
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            found.append((node.lineno, node.attr))
    return found


def test_the_shipped_packs_name_states_to_look_for():
    assert {"azerbaijan", "armenia"} <= conflict_words()


def test_no_module_outside_the_packs_names_a_shipped_conflicts_state_or_demonym():
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, conflict_words()))) + r")\b", re.IGNORECASE)
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(relative.parts) or str(relative) in SKIPPED_FILES:
            continue
        for line, text in code_texts(path):
            if pattern.search(text):
                offences.append(f"{relative}:{line}: {text[:80]!r}")
    assert offences == []
