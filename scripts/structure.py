"""Print Storyline's structure figures (issue 17): where SQL lives, how many sentence
splitters and tokenizers there are, which word lists are defined more than once, and
which stages the registry does not drive.

    python scripts/structure.py            # the table
    python scripts/structure.py --list     # and every finding, with file and line

The figures are found by reading the source (``ast``), not by importing it:

- an SQL statement is a string literal (or f-string) that starts with an SQL verb
  (``SELECT``, ``INSERT``, ``UPDATE``, ``DELETE``, ``CREATE``, ``DROP``, ``ALTER``, ``WITH``,
  ``PRAGMA``, ``REPLACE``) followed by SQL; one literal is one statement;
- a sentence splitter is a function whose name says it splits text into sentences
  (``sentences``, ``split_sentences``, ``sentence_spans``, ``sentence_bounds``, ...), a
  tokenizer one whose name says it splits text into words or tokens (``tokenize``,
  ``words``, ``split_words``, ``tokens``); methods and nested helpers count too;
- a word list is a literal set, frozenset, tuple, list, dict of constants (its keys),
  ``"a b c".split()``
  or regex alternation ``(?:a|b|c|d)`` of four or more words; two lists are the same
  list when they share at least 80 % of the smaller one;
- a stage is a class that subclasses one of the stage bases in ``storyline.pipeline``;
  it is outside the registry when ``storyline/stages.py`` does not name it.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "storyline"
SQL = re.compile(
    r"^\s*(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX|UNIQUE|VIRTUAL|TRIGGER|VIEW|TEMP)|DROP\s+(TABLE|INDEX|TRIGGER)|"
    r"ALTER\s+TABLE|WITH\s+\w+|PRAGMA\s+\w+|REPLACE\s+INTO)",
    re.DOTALL,
)
SPLITTER = re.compile(r"^_?(split_)?(sentences|sentence_spans|sentence_bounds|split_sentences)$")
TOKENIZER = re.compile(r"^_?(tokeni[sz]e|tokens|words|split_words|word_spans)$")
WORD = re.compile(r"^[A-Za-z][a-z'\-\.]*$")
STAGE_BASES = {"Stage", "DocumentStage", "GlobalStage", "FactStage", "DocumentFactStage"}


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    path: str
    line: int
    what: str


def _python_files() -> Iterator[Path]:
    yield from sorted(ROOT.rglob("*.py"))


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT.parent))


def _string_value(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "x"
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )
    return None


def sql_statements() -> list[Finding]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        seen_in_fstring: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                seen_in_fstring.update(id(v) for v in node.values)
        for node in ast.walk(tree):
            if id(node) in docstrings or id(node) in seen_in_fstring:
                continue
            value = _string_value(node)
            if value is not None and SQL.match(value):
                first = " ".join(value.split())[:70]
                found.append(Finding("sql", _relative(path), getattr(node, "lineno", 0), first))
    return found


def functions(pattern: re.Pattern[str], kind: str) -> list[Finding]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and pattern.match(node.name):
                found.append(Finding(kind, _relative(path), node.lineno, node.name))
    return found


ALTERNATION = re.compile(r"\(\?:((?:[A-Za-z][a-z]+\|){3,}[A-Za-z][a-z]+)\)")


def _word_list(node: ast.AST) -> frozenset[str] | None:
    """The words of a literal collection, of the keys of a literal dict, of a literal
    ``"a b c".split()`` or of a regex alternation ``(?:a|b|c|d)`` (lower-cased)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"frozenset", "set"}:
        if len(node.args) != 1:
            return None
        node = node.args[0]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and not node.args
    ):
        text = _string_value(node.func.value)
        words = text.split() if text is not None else []
    elif isinstance(node, ast.Dict):
        if not all(isinstance(value, ast.Constant) for value in node.values):
            return None  # a record built from values ({"id": entry.id, ...}), not a lexicon
        words = [_string_value(key) if key is not None else None for key in node.keys]
    elif isinstance(node, ast.Set | ast.Tuple | ast.List):
        words = [_string_value(element) for element in node.elts]
    else:
        return None
    if len(words) < 4 or any(w is None or not WORD.match(w) for w in words):
        return None
    return frozenset(w.lower() for w in words if w is not None)


def _alternations(node: ast.AST) -> list[frozenset[str]]:
    text = _string_value(node)
    if text is None:
        return []
    return [frozenset(m.group(1).lower().split("|")) for m in ALTERNATION.finditer(text)]


def word_lists() -> list[tuple[Finding, frozenset[str]]]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                words = _word_list(node.value)
                if words is None:
                    continue
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                name = ast.unparse(target)
                found.append((Finding("word-list", _relative(path), node.lineno, name), words))
            for words in _alternations(node):
                line = getattr(node, "lineno", 0)
                found.append((Finding("word-list", _relative(path), line, "regex"), words))
    return found


def repeated_word_lists() -> list[list[Finding]]:
    """Groups of word lists that are one list written more than once."""
    lists = word_lists()
    groups: list[list[int]] = []
    assigned: dict[int, int] = {}
    for i, (_, a) in enumerate(lists):
        for j in range(i):
            b = lists[j][1]
            if len(a & b) >= 0.8 * min(len(a), len(b)):
                group = assigned.get(j)
                if group is None:
                    group = len(groups)
                    groups.append([j])
                    assigned[j] = group
                if i not in assigned:
                    groups[group].append(i)
                    assigned[i] = group
    return [[lists[i][0] for i in group] for group in groups]


def stages() -> tuple[list[Finding], list[Finding]]:
    """Every stage class, and those the registry does not name."""
    registry = (ROOT / "stages.py").read_text(encoding="utf-8")
    all_stages, outside = [], []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base).split(".")[-1].split("[")[0] for base in node.bases}
            if not bases & STAGE_BASES or node.name in STAGE_BASES:
                continue
            finding = Finding("stage", _relative(path), node.lineno, node.name)
            all_stages.append(finding)
            if not re.search(rf"\b{node.name}\b", registry):
                outside.append(finding)
    return all_stages, outside


def chained_versions() -> list[Finding]:
    """Stage versions that name another stage's version by hand (``f"3+entities.{...}"``)."""
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.AnnAssign | ast.Assign)
                and isinstance(node.value, ast.JoinedStr)
                and ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
                == "version"
            ):
                found.append(Finding("chained-version", _relative(path), node.lineno, "version"))
    return found


SPLITTING_NAME = re.compile(r"TOKEN|WORD|SENTENCE")


def splitting_regexes() -> list[Finding]:
    """Module-level compiled regexes outside ``text/`` whose name says they split words or
    sentences (``_WORD = re.compile(...)``, ``_SENTENCE_END = ...``): the private word and
    sentence rules the text layer has not absorbed yet. A pattern a package takes from the
    text layer (``_WORD = loose_word_pattern()``) is the text layer's and is not counted."""
    found = []
    for path in _python_files():
        if _relative(path).startswith("storyline/text/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Name):
                continue
            name = node.targets[0].id
            call = node.value
            if (
                SPLITTING_NAME.search(name)
                and isinstance(call, ast.Call)
                and ast.unparse(call.func) == "re.compile"
            ):
                found.append(Finding("regex", _relative(path), node.lineno, name))
    return found


def repeated_names() -> list[list[Finding]]:
    """Module-level classes and type aliases (``Name = ...``, capitalised) defined under one
    name in two modules: one name used for two things (or one thing written twice)."""
    seen: dict[str, list[Finding]] = {}
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                name = node.name
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if not isinstance(target, ast.Name):
                    continue
                name = target.id
                if not name[:1].isupper() or name.isupper():
                    continue  # constants (WORDS) and private names are not record names
            else:
                continue
            seen.setdefault(name, []).append(Finding("name", _relative(path), node.lineno, name))
    return [found for found in seen.values() if len(found) > 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every finding too")
    parser.add_argument(
        "--root",
        type=Path,
        help="another checkout's src/storyline (e.g. an old revision from git archive)",
    )
    args = parser.parse_args(argv)
    if args.root is not None:
        global ROOT
        ROOT = args.root.resolve()

    sql = sql_statements()
    in_migrations = [f for f in sql if f.path.startswith("storyline/store/migrations")]
    outside_store = [f for f in sql if not f.path.startswith("storyline/store/")]
    splitters = functions(SPLITTER, "sentence-splitter")
    tokenizers = functions(TOKENIZER, "tokenizer")
    repeated = repeated_word_lists()
    all_stages, unregistered = stages()

    rows = [
        ("SQL statements (migrations excepted)", len(sql) - len(in_migrations), "-"),
        ("SQL statements outside store/", len(outside_store), "0"),
        ("modules with SQL outside store/", len({f.path for f in outside_store}), "0"),
        ("sentence splitters", len(splitters), "1"),
        ("tokenizers", len(tokenizers), "1"),
        ("word/sentence regexes outside text/", len(splitting_regexes()), "0"),
        ("word lists defined more than once", len(repeated), "0"),
        ("stage classes", len(all_stages), "-"),
        ("stages outside the registry", len(unregistered), "0"),
        ("stage versions chained by hand", len(chained_versions()), "0"),
        ("record or alias names defined twice", len(repeated_names()), "0"),
    ]  # fmt: skip
    width = max(len(name) for name, _, _ in rows)
    print(f"{'figure':<{width}}  {'now':>5}  {'target':>6}")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>5}  {target:>6}")
    if args.list:
        for title, findings in (
            ("SQL outside store/", outside_store),
            ("sentence splitters", splitters),
            ("tokenizers", tokenizers),
            ("stages outside the registry", unregistered),
            ("word/sentence regexes outside text/", splitting_regexes()),
        ):
            print(f"\n{title}:")
            for f in findings:
                print(f"  {f.path}:{f.line}  {f.what}")
        print("\nrecord or alias names defined twice:")
        for group in repeated_names():
            print("  " + "; ".join(f"{f.path}:{f.line}" for f in group) + f"  {group[0].what}")
        print("\nword lists defined more than once:")
        for group in repeated:
            print("  " + "; ".join(f"{f.path}:{f.line} {f.what}" for f in group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
