"""The two real seed articles (beside the repository; skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.runner import RunOptions, run
from storyline.store import Store

Entities = dict[str, dict[str, Any]]

# Every person named with a title in the seeds, with the role the text gives them.
TITLED = {
    "Sébastien Lecornu": ("Defense Minister", "France"),
    "Guido Crosetto": ("Defense Minister", "Italy"),
    "Boris Pistorius": ("Defense Minister", "Germany"),
    "Donald Trump": ("President", "United States"),
    # "his Russian counterpart": Trump's counterpart, so a president.
    "Vladimir Putin": ("President", "Russia"),
    "Volodymyr Zelensky": ("President", "Ukraine"),
    "Keir Starmer": ("Prime Minister", "United Kingdom"),
    "Recep Tayyip Erdogan": ("President", "Turkey"),
    "Emmanuel Macron": ("President", None),
}


@pytest.fixture(scope="module")
def entities(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Entities:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        run([str(seeds_dir)], store, RunOptions(workers=1))
        rows = store.conn.execute("SELECT * FROM entities").fetchall()
        return {
            r["name"]: {
                "type": r["type"],
                "aliases": json.loads(r["aliases"]),
                "roles": json.loads(r["roles"]),
                "texts": {
                    m[0]
                    for m in store.conn.execute(
                        "SELECT text FROM entity_mentions WHERE entity_id = ?", (r["id"],)
                    )
                },
            }
            for r in rows
        }


@pytest.mark.parametrize(("name", "role"), sorted(TITLED.items()))
def test_titled_people_get_role_and_country(
    entities: Entities,
    name: str,
    role: tuple[str, str | None],
) -> None:
    assert entities[name]["type"] == "person"
    assert [(r["title"], r["country"]) for r in entities[name]["roles"]] == [role]


def test_surnames_join_full_names(entities: Entities) -> None:
    assert "Pistorius" in entities["Boris Pistorius"]["texts"]
    assert "Trump" in entities["Donald Trump"]["texts"]
    assert "Pistorius" not in entities and "Trump" not in entities


def test_kyiv_and_kiev_are_one_place(entities: Entities) -> None:
    assert {"Kyiv", "Kiev"} <= entities["Kyiv"]["texts"]
    assert "Kiev" not in entities


def test_french_capital_is_paris(entities: Entities) -> None:
    assert "the French capital" in entities["Paris"]["texts"]


def test_short_forms_and_metonyms(entities: Entities) -> None:
    assert {"U.S.", "US", "United States", "Washington"} <= entities["United States"]["texts"]
    assert {"Britain"} <= entities["United Kingdom"]["texts"]
    assert {"NATO", "North Atlantic Treaty Organization"} <= entities["NATO"]["texts"]
