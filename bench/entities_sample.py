"""``python -m bench.entities_sample``: the entities a real run stores, for a check by eye.

Runs ``storyline run`` (every stage, one worker) on BBC News politics or on a sample of
Reuters-21578 in a temporary store, then prints ``--pick`` random entities (seed
``--seed``) with their type, mention count, aliases, rules and one mention in context, and
the counts issue 22 named: people whose name is an honorific and a surname ("Mr Howard")
kept apart from a fuller name, names with ticker or markup debris ("MOB>"), names stored
as both a person and an organisation. The article text is research-use data: it is printed,
never written into the repository.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

from bench import corpora
from bench.report import Row
from storyline.runner import RunOptions, run
from storyline.store import Store

_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.? [A-Z]")
_DEBRIS = re.compile(r"[<>{}\[\]|]|&\w+;")


def articles(corpus: str, limit: int) -> list[corpora.Article]:
    if corpus == "bbc-politics":
        return [a for a in corpora.bbc() if a["id"].startswith("politics/")][:limit]
    # Every tenth Reuters article, so that the sample spans the collection.
    return list(islice(islice(corpora.reuters(), 0, None, 10), limit))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", choices=("bbc-politics", "reuters"))
    parser.add_argument("--pick", type=int, default=30)
    parser.add_argument("--seed", type=int, default=22)


def main(args: argparse.Namespace) -> list[Row]:
    """Prints the sample (a check by eye has no table row)."""
    with tempfile.TemporaryDirectory(prefix="storyline-entities-sample-") as folder:
        jsonl, db = Path(folder) / "in.jsonl", Path(folder) / "s.db"
        corpora.write_jsonl(articles(args.corpus, args.limit or 500), jsonl)
        with Store(db) as store:
            run([str(jsonl)], store, RunOptions(workers=1))
            report(store, args.pick, args.seed)
    return []


def report(store: Store, pick: int, seed: int) -> None:
    conn = store.conn
    entities = conn.execute(
        "SELECT e.id, e.name, e.type, e.aliases, count(m.id) FROM entities e "
        "JOIN entity_mentions m ON m.entity_id = e.id AND m.kind = 'name' "
        "GROUP BY e.id ORDER BY e.id"
    ).fetchall()
    mentions = sum(r[4] for r in entities)
    print(f"{len(entities)} entities, {mentions} name mentions")
    people = [r for r in entities if r[2] == "person"]
    surnames: dict[str, list[str]] = defaultdict(list)
    for r in people:
        if not _HONORIFIC.match(r[1]) and len(r[1].split()) > 1:
            surnames[r[1].split()[-1]].append(r[1])
    apart = [r for r in people if _HONORIFIC.match(r[1]) and r[1].split()[-1] in surnames]
    print(
        f"honorific + surname entities apart from a fuller name: {len(apart)} "
        f"({sum(r[4] for r in apart)} mentions)"
    )
    for label, column in (
        ("before story links", "COALESCE(own_name, name)"),
        ("after story links", "name"),
    ):
        bare, named = _bare_surnames(store, column)
        print(
            f"one-word people that are the surname of a fuller name in the store, {label}: "
            f"{bare} ({named} mentions)"
        )
    links = Counter(
        r[0]
        for r in conn.execute(
            "SELECT story_rule FROM entity_mentions WHERE kind = 'name' AND story_rule IS NOT NULL"
        )
    )
    print("story links (mentions):", ", ".join(f"{k} {n}" for k, n in links.most_common()))
    debris = [r for r in entities if _DEBRIS.search(r[1])]
    print(f"names with ticker or markup debris: {len(debris)}")
    types: dict[str, set[str]] = defaultdict(set)
    for r in entities:
        types[r[1].lower()].add(r[2])
    print(
        "names stored as both a person and an organisation: "
        f"{sum({'person', 'organization'} <= kinds for kinds in types.values())}"
    )
    rules = Counter(
        r[0] for r in conn.execute("SELECT rule FROM entity_mentions WHERE kind = 'name'")
    )
    print("rules:", ", ".join(f"{rule} {n}" for rule, n in rules.most_common()))
    print()
    for entity_id, name, type_, aliases, count in random.Random(seed).sample(
        entities, min(pick, len(entities))
    ):
        row = conn.execute(
            "SELECT m.start, m.end, m.rule, d.text FROM entity_mentions m "
            "JOIN documents d ON d.id = m.document_id "
            "WHERE m.entity_id = ? AND m.kind = 'name' ORDER BY m.id LIMIT 1",
            (entity_id,),
        ).fetchone()
        start, end, rule, text = row
        context = text[max(0, start - 60) : end + 60].replace("\n", " ")
        print(f"- {name} | {type_} | {count} | aliases {aliases} | {rule} | …{context}…")


def _bare_surnames(store: Store, column: str) -> tuple[int, int]:
    """One-word person names (from ``column`` of the mentions) that end some fuller person
    name of the store, and their mentions."""
    counts = Counter(
        r[0]
        for r in store.conn.execute(
            f"SELECT {column} FROM entity_mentions WHERE kind = 'name' AND type = 'person'"
        )
    )
    ends = {n.split()[-1] for n in counts if len(n.split()) > 1}
    bare = [n for n in counts if len(n.split()) == 1 and n in ends]
    return len(bare), sum(counts[n] for n in bare)


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--limit", type=int)
    add_arguments(cli)
    main(cli.parse_args())
