"""Stories on a live stream (issue 18): Reuters-21578 arrival invariance, template and label
bundles, against the entry ``reuters_stream`` of stories_baseline.json.

The first ``articles`` Reuters-21578 articles with a body, in date order, go through
``storyline run`` twice, each into a new store: in one batch, and in successive runs of
``run_size`` articles (what a monitor fed every few minutes does). Both are fed once (a module
fixture) and shared by the three checks; the stream, the feeding and the scores are the
benchmark's own (``python -m bench stories --part invariance --part templates``, modules
``bench/stories_stream.py``, ``bench/stories_feed.py``, ``bench/stories_templates.py``), so the
gate and the benchmark measure the same thing.

- Arrival invariance: the pairwise agreement F1 of the runs' stories with the batch's stays at
  or above its floor.
- Template bundles: multi-article stories joining routine items of one kind (dividends,
  results, debt issues, rate changes) from different companies, at most the ceiling, in the
  batch and in the runs.
- Label bundles: multi-article stories whose members share no Reuters TOPICS label and no
  ORGS or PEOPLE label, and country bundles (of those, the ones whose members share only a
  PLACES label), at most their ceilings, in the batch and in the runs.

Reuters carries no story labels, and the template patterns were written by reading headlines
of this stream: the figures are about this stream, not a held-out score. The runs are
deterministic (``workers=1``, no random state): the same code gives the same stories, so the
floor sits only a little under the measured figure, and the ceilings a little above. When the
story stage changes on purpose, re-measure with the command in ``reuters_stream.measured`` and
update that one entry.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    # bench/ sits beside src/ and is not installed: plain `pytest` does not see it.
    sys.path.insert(0, str(REPO))

from bench import corpora  # noqa: E402
from bench.stories import reuters_by_date  # noqa: E402
from bench.stories_feed import Fed, agreement, feed  # noqa: E402
from bench.stories_templates import groups_of, label_bundles, template_bundles  # noqa: E402

BASELINE = json.loads((Path(__file__).with_name("stories_baseline.json")).read_text("utf-8"))
GATE = BASELINE["reuters_stream"]
BATCH, RUNS = "one batch", f"runs of {GATE['run_size']}"
SHOWN = 8  # stories printed in a failure message
MEMBERS = 6  # headlines printed per story

pytestmark = pytest.mark.eval


@dataclass(frozen=True, slots=True)
class Stream:
    titles: dict[str, str | None]  # id -> Reuters headline, as the bench's checks read it
    headlines: dict[str, str]  # id -> headline, or the start of the text when it has none
    labels: dict[str, dict[str, tuple[str, ...]]]  # id -> Reuters TOPICS, PLACES, ORGS, PEOPLE
    fed: dict[str, Fed]  # BATCH / RUNS -> the stories of that feeding


@pytest.fixture(scope="module")
def reuters_stream(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Stream:
    if not list((shared_data / "reuters21578").glob("reut2-*.sgm")):
        missing(f"Reuters-21578 (reut2-*.sgm) not found in {shared_data / 'reuters21578'}")
    articles = reuters_by_date(GATE["articles"])
    folder = tmp_path_factory.mktemp("reuters-stream")
    titles = {a["id"]: a["title"] for a in articles}
    headlines = {a["id"]: a["title"] or a["text"][:70].replace("\n", " ").strip() for a in articles}
    fed = {
        BATCH: feed(articles, folder, "batch", None),
        RUNS: feed(articles, folder, "runs", GATE["run_size"]),
    }
    return Stream(titles, headlines, corpora.reuters_labels(), fed)


def _members(members: Sequence[str], describe: Mapping[str, str], indent: str) -> list[str]:
    """One line per member (the first few, in NEWID order, which is roughly date order)."""
    ordered = sorted(members, key=lambda m: int(m) if m.isdigit() else 0)
    lines = [f"{indent}{m} {describe.get(m, '?')}" for m in ordered[:MEMBERS]]
    if len(ordered) > MEMBERS:
        lines.append(f"{indent}... and {len(ordered) - MEMBERS} more")
    return lines


def _labels(own: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(f"{kind} {','.join(values)}" for kind, values in own.items() if values)


def _split(reference: Mapping[str, str], other: Mapping[str, str]) -> list[list[list[str]]]:
    """Stories of ``reference`` that ``other`` cuts, each as its parts in ``other``, the
    stories losing the most pairs first."""
    found = []
    for members in groups_of(reference).values():
        parts: dict[str, list[str]] = defaultdict(list)
        for member in members:
            parts[other.get(member, f"missing:{member}")].append(member)
        if len(parts) > 1:
            found.append(sorted(parts.values(), key=len, reverse=True))

    def pairs_lost(parts: list[list[str]]) -> int:
        return sum(len(p) for p in parts) ** 2 - sum(len(p) ** 2 for p in parts)

    return sorted(found, key=pairs_lost, reverse=True)


def test_reuters_runs_agree_with_one_batch(reuters_stream: Stream) -> None:
    """A monitor fed every few minutes must show the stories it would show had it received
    the same articles at once."""
    batch, runs = (reuters_stream.fed[s].stories for s in (BATCH, RUNS))
    score = agreement(batch, runs)
    if score.f1 >= GATE["agreement_f1"]:
        return
    headlines = reuters_stream.headlines
    lines = [
        f"Reuters first {GATE['articles']:,}: {RUNS} agree with {BATCH} at P/R/F1 {score} "
        f"(floor F1 {GATE['agreement_f1']}). For a user: the same articles make different "
        "stories depending on when they arrived, so a story seen in the morning is split or "
        "joined with another by the evening's runs.",
    ]
    for title, cut in (
        (
            "Stories of the batch that the runs cut, the most pairs lost first:",
            _split(batch, runs),
        ),
        ("Stories of the runs that join stories of the batch:", _split(runs, batch)),
    ):
        lines.append(f"{title} ({len(cut)})")
        for parts in cut[:SHOWN]:
            lines.append(f"  a story of {sum(map(len, parts))} articles, in {len(parts)} parts:")
            for number, part in enumerate(parts, 1):
                lines.append(f"    part {number}:")
                lines += _members(part, headlines, "      ")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("setting", [BATCH, RUNS], ids=["batch", "runs"])
def test_reuters_template_bundles(reuters_stream: Stream, setting: str) -> None:
    """Routine notices of different companies (dividends, results, debt issues) are different
    stories, never one bundle."""
    stories = reuters_stream.fed[setting].stories
    found = template_bundles(stories, reuters_stream.titles)
    ceiling = GATE["template_bundles"]
    if len(found.stories) <= ceiling:
        return
    groups = groups_of(stories)
    largest = sorted(found.stories, key=lambda s: -len(found.stories[s]))
    lines = [
        f"Reuters first {GATE['articles']:,}, {setting}: {len(found.stories)} template bundles "
        f"of {found.multi} multi-article stories (ceiling {ceiling}; by kind {found.by_kind}). "
        "For a user: a story that should follow one company's dividend or results also lists "
        "other companies' routine notices of that kind. The largest:",
    ]
    for story in largest[:SHOWN]:
        lines.append(f"  a story of {len(groups[story])} articles; its routine items:")
        lines += _members(found.stories[story], reuters_stream.headlines, "    ")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("setting", [BATCH, RUNS], ids=["batch", "runs"])
def test_reuters_label_bundles(reuters_stream: Stream, setting: str) -> None:
    """A story's articles share a subject: a Reuters TOPICS label, an organisation or a
    person, not only a country."""
    stories = reuters_stream.fed[setting].stories
    labels = reuters_stream.labels
    found = label_bundles(stories, labels)
    ceilings = (GATE["label_bundles"], GATE["country_bundles"])
    if len(found.bundles) <= ceilings[0] and len(found.country) <= ceilings[1]:
        return
    largest = sorted(found.bundles, key=lambda s: -len(found.bundles[s]))
    described = {
        member: f"{reuters_stream.headlines[member]}  {{{_labels(labels.get(member, {}))}}}"
        for story in largest[:SHOWN]
        for member in found.bundles[story]
    }
    lines = [
        f"Reuters first {GATE['articles']:,}, {setting}: {len(found.bundles)} label bundles, "
        f"{len(found.country)} of them country bundles, of {found.judged} judged stories "
        f"(ceilings {ceilings[0]} and {ceilings[1]}). For a user: a story mixes subjects that "
        "share nothing but a country or a word (grain margins and a port loan under one "
        "'China' story). The largest, with their labels:",
    ]
    for story in largest[:SHOWN]:
        mark = " (country bundle)" if story in found.country else ""
        lines.append(f"  a story of {len(found.bundles[story])} articles{mark}:")
        lines += _members(found.bundles[story], described, "    ")
    pytest.fail("\n".join(lines), pytrace=False)
