"""ECB+ documents as articles, with their gold story, for the story-clustering benchmark.

ECB+ (``../shared/data/ecbplus/ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml``)
groups news articles by topic; each topic holds two real-world events of the same kind, one
in the ``ecb`` files and one in the ``ecbplus`` files (say, two celebrities' rehab stays five
years apart). A sub-topic is one story: the gold story of a document is
``(topic, "ecb" | "ecbplus")``.

The text is rebuilt from the XML tokens, one paragraph per sentence, with the spacing a
reader expects ("16-year-old", "$2.5", "11:34", "don't", “quoted”). Sentences that are only
a URL (the first line of most ``ecbplus`` files) are left out. When the first sentence
looks like a headline, it is the title and is not repeated in the text. The corpus has no
publication dates.

Only the training and development topics (1-35) are here; the test topics are kept apart.
Nothing read here is ever written into the repository.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpora import data_dir

DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
# The topics that may be here; 36-45 are the test topics and are never looked for.
LOCAL_TOPICS: tuple[int, ...] = tuple(range(1, 36))
SUBTOPICS: tuple[str, str] = ("ecb", "ecbplus")

_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)$")


@dataclass(frozen=True, slots=True)
class EcbArticle:
    id: str  # the file name without ".xml", e.g. "2_1ecbplus"
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    title: str | None
    text: str

    @property
    def story(self) -> str:
        """The gold story: one sub-topic, e.g. ``"2/ecbplus"``."""
        return f"{self.topic}/{self.subtopic}"


def topics_present() -> list[int]:
    """The topics among 1-35 that have a folder here (ECB+ has no topics 15 and 17)."""
    root = data_dir("ecbplus") / "ECB+"
    return [t for t in LOCAL_TOPICS if (root / str(t)).is_dir()]


def train_topics() -> list[int]:
    """Every local topic that is not a development topic."""
    return [t for t in topics_present() if t not in DEV_TOPICS]


def read(topics: Iterable[int]) -> list[EcbArticle]:
    """The articles of ``topics``, topic by topic, ``ecb`` before ``ecbplus``, by number."""
    root = data_dir("ecbplus") / "ECB+"
    wanted = sorted(set(topics))
    outside = [t for t in wanted if t not in LOCAL_TOPICS]
    if outside:
        raise ValueError(f"ECB+ topics {outside} are not local topics (1-35)")
    found: list[tuple[int, int, int, Path]] = []
    for topic in wanted:
        for path in (root / str(topic)).glob("*.xml"):
            match = _NAME.match(path.stem)
            if match and int(match[1]) == topic:
                subtopic = SUBTOPICS.index(match[3])
                found.append((topic, subtopic, int(match[2]), path))
    if not found:
        raise SystemExit(f"bench: no ECB+ files for topics {wanted} in {root}")
    return [_article(path, topic, SUBTOPICS[sub]) for topic, sub, _, path in sorted(found)]


def _article(path: Path, topic: int, subtopic: str) -> EcbArticle:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [detokenise(tokens) for _, tokens in sorted(sentences.items())]
    lines = [line for line in lines if line and not _is_url(line)]
    title, body = split_title(lines)
    return EcbArticle(
        id=path.stem, topic=topic, subtopic=subtopic, title=title, text="\n\n".join(body) + "\n"
    )


# Tokens that attach to the word before them, and those that attach to the word after.
_CLOSING = frozenset({".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "”", "’"})
_OPENING = frozenset({"(", "[", "{", "$", "``", "“", "‘", "#"})
_CLITIC = re.compile(r"^(?:'|’)(?:s|S|re|ve|ll|d|m|t)$|^n't$|^n’t$")
_BARE_CLITIC = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_QUOTES = {"``": "“", "''": "”"}
# Tokenised compounds, numbers and times: "16 - year - old", "$2. 5", "11: 34", "05 / 03".
_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_NUMBER_JOIN = re.compile(r"(?<=\d)([.:]) (?=\d)|(?<=\d) (/) (?=\d)")


def detokenise(tokens: Sequence[str]) -> str:
    """Join one sentence's tokens as written text."""
    out: list[str] = []
    attach_next = False
    open_quote = {'"': False, "'": False}
    for index, raw in enumerate(tokens):
        token = _QUOTES.get(raw, raw).strip()
        if not token:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        glue = attach_next or not out
        attach_next = False
        if token in open_quote:
            previous = tokens[index - 1] if index else ""
            if token == "'" and following in _BARE_CLITIC:
                glue, attach_next = True, True  # "It ' s" -> "It's"
            elif token == "'" and not open_quote[token] and previous[-1:] in ("s", "S"):
                glue = True  # a plural possessive: "the Lions ' coach" -> "the Lions' coach"
            elif open_quote[token]:
                glue = True
                open_quote[token] = False
            else:
                attach_next = True
                open_quote[token] = True
        elif token == "’" and following in _BARE_CLITIC:
            glue, attach_next = True, True
        elif token in _CLOSING or _CLITIC.match(token):
            glue = True
        if token in _OPENING:
            attach_next = True
        out.append(token if glue else " " + token)
    text = "".join(out)
    text = _HYPHEN.sub("-", text)
    return _NUMBER_JOIN.sub(lambda m: m[1] or m[2], text).strip()


def _is_url(line: str) -> bool:
    return line.lower().startswith(("http", "www."))


# Words of a dateline or byline stamp: "Monday March 4, 2019 @ 9:15am PST", "POSTED: ...".
_STAMP_TEXT = """
jan january feb february mar march apr april may jun june jul july aug august sep sept
september oct october nov november dec december mon monday tue tues tuesday wed wednesday
thu thur thurs thursday fri friday sat saturday sun sunday am pm a m p edt est pdt pst cdt
cst mdt mst gmt bst ist cet cest utc et pt ct posted published updated last modified by at
on of th st nd rd
"""
_STAMP_WORDS = frozenset(_STAMP_TEXT.split())
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*$")


def is_stamp(line: str) -> bool:
    """A date or time line such as "June 3, 2019 | 4:10pm" or "POSTED: October 07, 2018"."""
    words = re.findall(r"[A-Za-z]+", line)
    other = [w for w in words if w.lower() not in _STAMP_WORDS]
    return any(c.isdigit() for c in line) and len(other) <= 1 and len(line) <= 80


def looks_like_headline(line: str) -> bool:
    """Short, and not ended like a sentence: "Mayor To Open New Bridge"."""
    words = line.split()
    return 2 <= len(words) <= 30 and not _SENTENCE_END.search(line) and not is_stamp(line)


def split_title(lines: Sequence[str]) -> tuple[str | None, list[str]]:
    """The headline (the first line after any date stamps, when it looks like one) and the rest.

    A document that is only a headline keeps it as its text, without a title.
    """
    for index, line in enumerate(lines):
        if is_stamp(line):
            continue
        rest = [*lines[:index], *lines[index + 1 :]]
        if looks_like_headline(line) and rest:
            return line, rest
        break
    return None, list(lines)
