"""``python -m bench web_pages --db PATH``: how long the web pages take to render, this tree
against another revision, on the same store (issue 23: the pictures on the story and entity
pages).

Each tree runs in a fresh interpreter (``git archive`` of ``--against`` into a temporary
folder, imported from there), alternately (``--repeat``). In it the app answers through
Starlette's test client, in process, so the figures are the server's work: opening the
store, the queries, the templates and the SVG, not the network nor the browser. Pages: the
stories list, the story with the most articles, the entity with the most articles. Each is
asked once before the clock starts, then ``--times`` times; ``ms/page`` is wall time per
page, ``CPU ms/page`` the process's user + system time per page.

    python -m bench web_pages --db /tmp/example.db --db /tmp/reuters.db --against c7bf44e
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.measure import run_tree, tree_at
from bench.report import REPO, Row

NOTES = [
    "In-process (Starlette TestClient): server work only; fresh interpreter per tree and row.",
]
PACKAGES = ["fastapi", "jinja2"]
BEFORE = "c7bf44e"

_CHILD = """
import json, sys, time
from fastapi.testclient import TestClient
from storyline.store import Store
from storyline.web import create_app

db, times = sys.argv[1], int(sys.argv[2])
store = Store(db, readonly=True)
story = store.conn.execute(
    "SELECT story_id FROM story_vectors GROUP BY story_id ORDER BY count(*) DESC, story_id "
    "LIMIT 1").fetchone()[0]
entity = store.conn.execute(
    "SELECT entity_id FROM entity_mentions WHERE kind = 'name' GROUP BY entity_id "
    "ORDER BY count(DISTINCT document_id) DESC, entity_id LIMIT 1").fetchone()[0]
store.close()
out = {}
with TestClient(create_app(db), base_url="http://localhost") as client:
    for name, path in (("stories", "/"), ("story", f"/stories/{story}"),
                       ("entity", f"/entities/{entity}")):
        assert client.get(path).status_code == 200, path
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(times):
            client.get(path)
        out[name] = [(time.perf_counter() - wall) / times, (time.process_time() - cpu) / times,
                     len(client.get(path).content)]
print(json.dumps(out))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", action="append", required=True, help="a store (repeatable)")
    parser.add_argument(
        "--against", default=BEFORE, metavar="REV", help=f"git revision (default {BEFORE})"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs of each tree (default 2)")
    parser.add_argument("--times", type=int, default=20, help="requests per page (default 20)")


def main(args: argparse.Namespace) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-web-") as tmp:
        before = tree_at(args.against, Path(tmp) / "before")
        trees = ((f"@ {args.against}", before), ("@ this tree", REPO / "src"))
        for db in args.db:
            for _ in range(args.repeat):
                for label, src in trees:
                    found = run_tree(_CHILD, src, db, str(args.times), what="web_pages")
                    for page, (wall, cpu, size) in found.items():
                        extra = (
                            ("ms/page", f"{1000 * wall:.1f}"),
                            ("CPU ms/page", f"{1000 * cpu:.1f}"),
                            ("KB", f"{size / 1024:.0f}"),
                        )
                        rows.append(
                            Row(
                                f"web page: {page}",
                                Path(db).name,
                                label,
                                args.times,
                                wall * args.times,
                                None,
                                extra=extra,
                            )
                        )
    return rows
