"""The rules that find quotes (``direct.py``, ``indirect.py``), by name: each quote records
the one that found it, and ``+same-speaker`` when it took the speaker of the quote before."""

from __future__ import annotations

from storyline.rules import NamedRule


def _rule(name: str, says: str) -> NamedRule:
    return NamedRule(name, "quotes", "quote", says)


# Direct and partial quotes (direct.py), in the order they are tried.
DIRECT_QUOTE_THEN_CUE = _rule(
    "direct-quote-then-cue",
    'A quoted sentence followed by a verb of saying and its speaker: "...," the minister said.',
)
PARTIAL_QUOTE_THEN_CUE = _rule(
    "partial-quote-then-cue",
    "Quoted words opening in the middle of a clause, followed by a verb of saying: warned of "
    'a "..." strike, the mayor said.',
)
DIRECT_CUE_THEN_QUOTE = _rule(
    "direct-cue-then-quote",
    'A speaker and a verb of saying, then a comma or colon and the quote: He said: "...".',
)
PARTIAL_STATED_IN = _rule(
    "partial-stated-in",
    "Quoted words after a verb of saying, in a sentence that names their source with 'as "
    "stated in' or 'as reported by'.",
)
DIRECT_COLON_CUE = _rule(
    "direct-colon-cue",
    "A quote after a colon whose clause has a verb of saying; its subject is the speaker.",
)
DIRECT_COLON_NAME = _rule(
    "direct-colon-name",
    'A quote after a colon right after a name or subject: Pollster Jane Roe: "...".',
)
PARTIAL_NAMING_VERB = _rule(
    "partial-naming-verb",
    "Quoted words after a verb of naming or judging (called, described, praised): the "
    "words alone are the quote.",
)
PARTIAL_REPORTED_CLAUSE = _rule(
    "partial-reported-clause",
    'Quoted words inside reported speech: He said the plan was "dead on arrival"; the '
    "reported clause is the quote.",
)
PARTIAL_SOURCE_LATER = _rule(
    "partial-source-later",
    "Quoted words with no cue before them, in a sentence that names their source after "
    "them: 'as stated in', 'as reported by'.",
)
PARTIAL_CUE_LATER = _rule(
    "partial-cue-later",
    'Quoted words whose sentence has a verb of saying after them: The plan is "dead," he said.',
)
PARTIAL_NO_CUE = _rule(
    "partial-no-cue",
    "Quoted words (three or more, not a title) in a sentence with no verb of saying: "
    "'bemoaned a climate in which people \"literally hate each other\"'; the sentence's "
    "subject is the speaker when it has one.",
)
DIRECT_CONTINUES_SPEAKER = _rule(
    "direct-continues-speaker",
    "A quote opening its paragraph or sentence with no cue, right after another quote: the "
    "same speaker goes on.",
)
DIRECT_UNATTRIBUTED = _rule(
    "direct-unattributed",
    "A quote opening its paragraph right after another quote whose speaker was named too "
    "far back to carry over: speaker unknown.",
)
DIRECT_STANDALONE = _rule(
    "direct-standalone",
    "A whole quoted paragraph with no cue and no quote before it: speaker unknown.",
)
SAME_SPEAKER = _rule(
    "same-speaker",
    "Added when a quote's cue names no speaker and the quote just before in the paragraph "
    "has one: it takes that speaker.",
)

# Reported speech without quotation marks (indirect.py).
INDIRECT_ACCORDING_TO_FIRST = _rule(
    "indirect-according-to-first",
    "A sentence opening with 'According to X,': what follows the comma is X's statement.",
)
INDIRECT_ACCORDING_TO = _rule(
    "indirect-according-to",
    "'…, according to X' anywhere after the statement, however long X is ('according to a "
    "survey by the Civic Project released on Thursday'): X is the source.",
)
INDIRECT_CUE_AFTER = _rule(
    "indirect-cue-after",
    "A sentence ending with ', X said.' or ', according to X.': what comes before is X's "
    "statement.",
)
INDIRECT_CUE_INSIDE = _rule(
    "indirect-cue-inside",
    "A cue between two commas inside a sentence: 'The bigger risk, he said, is a clash …'; "
    "the words on both sides are the statement, two parts.",
)
INDIRECT_SAID_THAT = _rule(
    "indirect-said-that",
    "A speaker and a verb of saying followed by a clause (a subject and a finite verb, or "
    "'that'): X said (that) ...; not verbs of hoping, expecting or agreeing to, not a negated "
    "verb ('did not say'), not a noun ('police state powers'); the clause is the statement.",
)
INDIRECT_ASKED_QUESTION = _rule(
    "indirect-asked-question",
    "A reported question: 'A reporter asked Sanders how he was feeling'; 'asked' with a "
    "clause opened by whether, if or a wh-word (never 'asked X to …', a request).",
)
SPEAKER_AFTER_TIME = _rule(
    "speaker-after-time",
    "Added when a time phrase stood between an inverted cue and its speaker: '..., said "
    "Thursday a spokeswoman for the bank' (the speaker is the spokeswoman).",
)

RULES = (
    DIRECT_QUOTE_THEN_CUE,
    PARTIAL_QUOTE_THEN_CUE,
    DIRECT_CUE_THEN_QUOTE,
    PARTIAL_STATED_IN,
    DIRECT_COLON_CUE,
    DIRECT_COLON_NAME,
    PARTIAL_NAMING_VERB,
    PARTIAL_REPORTED_CLAUSE,
    PARTIAL_SOURCE_LATER,
    PARTIAL_CUE_LATER,
    PARTIAL_NO_CUE,
    DIRECT_CONTINUES_SPEAKER,
    DIRECT_UNATTRIBUTED,
    DIRECT_STANDALONE,
    SAME_SPEAKER,
    INDIRECT_ACCORDING_TO_FIRST,
    INDIRECT_ACCORDING_TO,
    INDIRECT_CUE_AFTER,
    INDIRECT_CUE_INSIDE,
    INDIRECT_SAID_THAT,
    INDIRECT_ASKED_QUESTION,
    SPEAKER_AFTER_TIME,
)
