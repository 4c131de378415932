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


# --- event mentions and their gold coreference -------------------------------------------

# The event tags: ACTION_OCCURRENCE, ACTION_REPORTING, ... and their negated NEG_ACTION_*.
_EVENT_TAG = re.compile(r"^(?:NEG_)?ACTION_")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One gold event mention of ECB+ and its gold chain.

    ``id`` is the mention id of the CoNLL keys used with ECB+ (``12_10ecb.xml_5``: the file
    name and the markable's ``m_id``). ``chain`` is the instance the mention refers to: the
    ``note`` of its ``CROSS_DOC_COREF`` relation, ``<topic>/intra/<target m_id>`` for a
    chain annotated only within a document (``INTRA_DOC_COREF``), or the mention id itself
    for a mention in no relation (a singleton). The keys name an intra-document chain by its
    target's ``m_id`` alone, so two documents of a topic whose chains have the same target
    are one chain there (once in the dev topics: ``34_12ecb`` and ``34_13ecb``); the reader
    follows the keys, so that its chains are exactly theirs.
    """

    id: str
    document: str  # the article id, e.g. "12_10ecb"
    topic: int
    subtopic: str
    sentence: int  # the XML's sentence number
    tokens: tuple[int, ...]  # the trigger's token numbers within its sentence
    trigger: str
    sentence_text: str  # the whole sentence, detokenised
    tag: str
    chain: str

    @property
    def story(self) -> str:
        return f"{self.topic}/{self.subtopic}"


def coreference_sentences() -> dict[str, frozenset[int]]:
    """``article id -> sentence numbers`` that ECB+ annotated for coreference.

    The standard setup (Cybulska and Vossen 2015; the CoNLL keys) scores only the mentions
    in these sentences.
    """
    path = data_dir("ecbplus") / "ECBplus_coreference_sentences.csv"
    found: dict[str, set[int]] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)  # the header: Topic,File,Sentence Number
        for line in handle:
            parts = line.strip().split(",")
            if len(parts) == 3:
                found.setdefault(f"{parts[0]}_{parts[1]}", set()).add(int(parts[2]))
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_event_mentions(
    topics: Iterable[int], *, annotated_only: bool = True
) -> list[EventMention]:
    """The gold event mentions of ``topics``, document by document as :func:`read` orders them.

    With ``annotated_only`` (the standard setup), only mentions in the sentences listed in
    ``ECBplus_coreference_sentences.csv``.
    """
    root = data_dir("ecbplus") / "ECB+"
    selected = coreference_sentences() if annotated_only else None
    mentions: list[EventMention] = []
    for article in read(topics):
        path = root / str(article.topic) / f"{article.id}.xml"
        sentences = selected.get(article.id, frozenset()) if selected is not None else None
        mentions += _event_mentions(path, article, sentences)
    return mentions


def _event_mentions(
    path: Path, article: EcbArticle, sentences: frozenset[int] | None
) -> list[EventMention]:
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, int, str]] = {}  # t_id -> (sentence, number, text)
    words: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentence, text = int(token.get("sentence", "0")), token.text or ""
        tokens[token.get("t_id", "")] = (sentence, int(token.get("number", "0")), text)
        words.setdefault(sentence, []).append(text)
    chains = _chains(root, f"{article.id}.xml", article.topic)
    found: list[EventMention] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = [tokens[a.get("t_id", "")] for a in markable.iter("token_anchor")]
        if not _EVENT_TAG.match(markable.tag) or not anchors:
            continue
        sentence = anchors[0][0]
        if sentences is not None and sentence not in sentences:
            continue
        mention_id = f"{article.id}.xml_{markable.get('m_id')}"
        anchors.sort()
        found.append(
            EventMention(
                id=mention_id,
                document=article.id,
                topic=article.topic,
                subtopic=article.subtopic,
                sentence=sentence,
                tokens=tuple(number for _, number, _ in anchors),
                trigger=detokenise([text for _, _, text in anchors]),
                sentence_text=detokenise(words[sentence]),
                tag=markable.tag,
                chain=chains.get(mention_id, mention_id),
            )
        )
    return found


def sentence_tokens(article: EcbArticle) -> dict[int, list[str]]:
    """``sentence number -> tokens`` of one article, as the XML has them."""
    path = data_dir("ecbplus") / "ECB+" / str(article.topic) / f"{article.id}.xml"
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return sentences


def _chains(root: ET.Element, file_name: str, topic: int) -> dict[str, str]:
    """``mention id -> chain`` from the document's coreference relations."""
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        target = relation.find("target")
        if target is None:
            continue
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{topic}/intra/{target.get('m_id')}"
        else:
            continue
        for source in relation.iter("source"):
            mention_id = f"{file_name}_{source.get('m_id')}"
            # A mention in both kinds of relation belongs to its cross-document instance.
            if relation.tag == "CROSS_DOC_COREF" or mention_id not in chains:
                chains[mention_id] = chain
    return chains


# --- the CoNLL format of the coreference keys --------------------------------------------


def read_conll_chains(path: Path) -> dict[str, str]:
    """``mention id -> chain`` of a CoNLL coreference file with one mention per line.

    The ECB+ keys (``keys/evt_gold_dev.keyfile``) hold one document, ``evt``; each line is
    ``evt  0  <n>  <mention id>  (<chain>)``.
    """
    chains: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split()
        chains[columns[3]] = columns[-1].strip("()")
    return chains


def write_conll_chains(path: Path, chains: Sequence[tuple[str, int]], name: str = "evt") -> None:
    """Write ``(mention id, chain number)`` pairs in the keys' format, for the official scorer."""
    lines = [f"#begin document ({name});"]
    lines += [
        f"{name}\t0\t{index}\t{mention}\t({chain})" for index, (mention, chain) in enumerate(chains)
    ]
    lines.append("#end document")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
