"""Issue 22: a quote's text is the words inside its marks; indirect speech only after verbs
of saying with a clause; speaker words are a noun phrase that can speak. Each case is a real
sentence's shape, rewritten (no article text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Files
from storyline.model import FoundQuote
from storyline.quotes import extract
from storyline.quotes.stage import SpeakerMention, speaker_entity
from storyline.quotes.words import quote_words
from storyline.runner import RunOptions, run
from storyline.store import Store


def _only(text: str, kind: str | None = None) -> FoundQuote:
    found = [q for q in extract(text) if kind is None or q.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_a_joined_quote_keeps_its_parts_and_no_attribution_in_its_text() -> None:
    text = 'They gave us real money," she said, "and we will need every penny of it."'
    text = '"' + text
    words = quote_words(text, _only(text))
    assert "she said" not in words.text
    assert [text[s:e] for s, e in words.parts] == [
        "They gave us real money,",
        "and we will need every penny of it.",
    ]
    assert words.text == "They gave us real money, … and we will need every penny of it."


def test_a_partial_quote_is_its_quoted_words_and_the_clause_is_its_context() -> None:
    text = 'The board said in a note on Friday that the cuts were "never taken lightly."'
    quote = _only(text)
    words = quote_words(text, quote)
    assert quote.kind == "partial"
    assert words.text == "never taken lightly."
    assert words.context is not None
    assert text[words.context[0] : words.context[1]] == 'the cuts were "never taken lightly."'


@pytest.mark.parametrize(
    "text",
    [
        "Marta Ruiz hopes to visit the harbour in Oslo before the spring.",
        "The firm did not say how many trucks it had sold in the quarter.",
        "The agency declined to say whether the plant would close this year.",
        "Traders expected wheat prices to climb after the frost in the north.",
        "One of the buyers asked not to be named in the report.",
        "Madrid agreed to trim the anchovy quota for the coming season.",
        "The senator vowed to block the bill when it reaches the floor.",
        "Critics fear new police state powers would go unchecked for years.",
    ],
)
def test_issue_22_no_indirect_quote_without_a_statement(text: str) -> None:
    assert [q for q in extract(text) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Rates will stay on hold until the summer, said Thursday a spokeswoman for the bank.",
            "a spokeswoman for the bank",
        ),
        ("The ministry said the new port would open to cargo ships in March.", "The ministry"),
        ("Ana Lopes told reporters she would not run for the seat again.", "Ana Lopes"),
        (
            "The council said in a statement on Monday that the bridge would stay shut.",
            "The council",
        ),
    ],
)
def test_issue_22_indirect_speakers(text: str, speaker: str) -> None:
    quote = _only(text, "indirect")
    assert quote.speaker == speaker
    assert ("Thursday" in text) == quote.rule.endswith("+speaker-after-time")


@pytest.mark.parametrize(
    "text",
    [
        # 'Less' opened the sentence: a word of comparison, not a speaker.
        "Less than a week after the vote, said the result was a disgrace to the party.",
        # A time phrase or a clause fragment is no speaker.
        "In the Commons, he has seen his fair share of such rows, said the vote was close.",
    ],
)
def test_issue_22_speaker_words_must_be_a_noun_phrase(text: str) -> None:
    for quote in extract(text):
        assert quote.speaker not in {"Less", "Less than a week after the vote"}
        assert "he has seen" not in (quote.speaker or "")


def test_issue_22_no_comma_in_speaker_words() -> None:
    text = 'However, she did say the plan had been "rather useful at first".'
    assert _only(text).speaker == "she"


def test_issue_22_x_of_y_speaks_as_x() -> None:
    speaker = "a spokeswoman for the Central Bank"
    bank = SpeakerMention(speaker.index("Central"), len(speaker), "bank", "organization")
    quote = FoundQuote(0, 1, "indirect", speaker=speaker, speaker_start=0, speaker_end=34)
    assert speaker_entity(quote, [bank]) is None
    named = "Jane Roe of the Central Bank"
    roe = SpeakerMention(0, 8, "roe", "person")
    bank = SpeakerMention(named.index("Central"), len(named), "bank", "organization")
    quote = FoundQuote(0, 1, "indirect", speaker=named, speaker_start=0, speaker_end=len(named))
    assert speaker_entity(quote, [roe, bank]) != "bank"


@pytest.mark.parametrize(
    "text",
    [
        'She said "this never closes and goes on and on\n\nUntil the next line ends.',
        'He said: "We said "no" to them," and left.',
        "The minister said: “We will fight.\n\nAnd we will win,” she added.",
        'ALL CAPS: "WE WILL NOT SIGN," THE MINISTER SAID. "NEVER," HE ADDED.',
        # A text ending right after its cue, with no full stop (crashed the time-skip rule).
        "The talks will resume in the spring, the ministry said",
    ],
)
def test_issue_22_bad_input_gives_no_attribution_inside_a_quote(text: str) -> None:
    for quote in extract(text):
        for start, end in quote_words(text, quote).parts:
            for at in (quote.cue_start, quote.speaker_start):
                assert at is None or not start <= at < end, (quote, text[start:end])


def test_issue_22_stored_and_exported_quote_fields(files: Files, tmp_path: Path) -> None:
    files.write(
        "a.txt",
        "Port talks stall\n\n"
        '"The offer is an insult," the union leader said, "and we will strike."\n\n'
        'The mayor said on Monday that the port faced "a very long and costly strike."\n',
    )
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        rows = {r["kind"]: r for r in store.conn.execute("SELECT * FROM quotes")}
        direct, partial = rows["direct"], rows["partial"]
        assert direct["text"] == "The offer is an insult, … and we will strike."
        assert direct["parts"].count("[") == 3  # two parts
        assert direct["cue"] == "said" and direct["cue_start"] is not None
        assert partial["text"] == "a very long and costly strike."
        assert partial["context"].startswith("the port faced")
        exported = list(store.exports.quotes())
        assert all(q["parts"] is None or isinstance(q["parts"], list) for q in exported)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # 'and' or 'of' inside a name does not cut the speaker words.
        ('"We will not sell the orchard," Halden and Voss said.', "Halden and Voss"),
        ("Q and R said the orchard would not be sold before the harvest.", "Q and R"),
        (
            '"The clinics are full every night," the Guild of Rural Nurses said.',
            "the Guild of Rural Nurses",
        ),
        (
            "Minister of Canals and Locks Piet Varo said the barges would run again in May.",
            "Minister of Canals and Locks Piet Varo",
        ),
        # The head noun after a party or a company name belongs to the speaker.
        ('The Whig leader went on: "We will not back this levy."', "The Whig leader"),
        ('Corvane\'s spokesman went on: "The plant stays open."', "Corvane's spokesman"),
        ('"The plant stays open," Corvane\'s spokesman said.', "Corvane's spokesman"),
    ],
)
def test_issue_22_speaker_words_keep_the_whole_name(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An 'and' between two clauses still ends the speaker words.
        ("Lund won the vote and Marsh said the count had been unfair to her.", "Marsh"),
        ("Prices rose and the minister said the rise would not last long.", "the minister"),
    ],
)
def test_issue_22_and_between_clauses_still_ends_the_speaker(text: str, speaker: str) -> None:
    assert _only(text, "indirect").speaker == speaker
