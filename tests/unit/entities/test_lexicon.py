"""The gazetteer matches the longest name at a capital; files round-trip."""

from __future__ import annotations

from pathlib import Path

from storyline.entities.lexicon import Gazetteer, read_clusters, write_clusters


def _gazetteer() -> Gazetteer:
    return Gazetteer.build(
        [
            ("city", ("New", "York")),
            ("state", ("New", "York")),
            ("city", ("York",)),
            ("country", ("France",)),
        ]
    )


def test_longest_name_wins_and_marks_inside_tokens() -> None:
    tokens = ["in", "New", "York", "and", "France"]
    marks = _gazetteer().match([t.lower() for t in tokens], [t[:1].isupper() for t in tokens])
    assert marks[0] == ()
    assert set(marks[1]) == {"city:B", "state:B"}
    assert set(marks[2]) == {"city:I", "state:I"}
    assert marks[4] == ("country:B",)


def test_a_lower_case_word_starts_no_name() -> None:
    marks = _gazetteer().match(["france"], [False])
    assert marks == [()]


def test_files_round_trip(tmp_path: Path) -> None:
    gazetteer = _gazetteer()
    gazetteer.write(tmp_path / "g.tsv.gz")
    assert Gazetteer.read(tmp_path / "g.tsv.gz") == gazetteer
    write_clusters(tmp_path / "c.tsv.gz", {"Paris": (3, 17, 900), "said": (1, 2, 3)})
    assert read_clusters(tmp_path / "c.tsv.gz") == {
        "Paris": ("3", "17", "900"),
        "said": ("1", "2", "3"),
    }
