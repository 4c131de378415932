"""The pure quote extractor on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.model import FoundQuote
from storyline.quotes import extract


def _one(text: str) -> FoundQuote:
    quotes = extract(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _content(text: str, quote: FoundQuote) -> str:
    return text[quote.start : quote.end]


def _speaker(text: str, quote: FoundQuote) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
    return quote.speaker


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        # cue after, speaker before the verb; curly marks
        (
            "“The harbour will reopen next week,” the mayor said.",
            "The harbour will reopen next week,",
            "said",
            "the mayor",
        ),
        # cue after, inverted: the speaker follows the verb; straight marks
        (
            '"We counted every ballot twice," said Ines Varga, the county clerk.',
            "We counted every ballot twice,",
            "said",
            "Ines Varga",
        ),
        # cue before, with a colon
        (
            "The minister told reporters on Friday: “Nobody will lose their pension.”",
            "Nobody will lose their pension.",
            "told",
            "The minister",
        ),
        # cue before, with a comma, and a pronoun as the speaker
        (
            "He insisted, “the bridge is safe for lorries.”",
            "the bridge is safe for lorries.",
            "insisted",
            "He",
        ),
        # an unnamed source after an inverted cue
        (
            "“There is no deal yet,” said one of the negotiators’ advisers.",
            "There is no deal yet,",
            "said",
            "one of the negotiators’ advisers",
        ),
        # according to, after the quote
        (
            "“Turnout was the highest in decades,” according to the electoral board.",
            "Turnout was the highest in decades,",
            "according to",
            "the electoral board",
        ),
    ],
)
def test_direct_quotes(text: str, content: str, cue: str, speaker: str) -> None:
    quote = _one(text)
    assert quote.kind == "direct"
    assert _content(text, quote) == content
    assert quote.cue == cue
    assert quote.cue_start is not None and text[quote.cue_start : quote.cue_end] == cue
    assert _speaker(text, quote) == speaker


def test_a_cue_splitting_a_quote_joins_the_two_pieces() -> None:
    text = "“We will rebuild the school,” she said, “and it will open in the spring.”"
    quote = _one(text)
    assert quote.kind == "direct"
    assert quote.speaker == "she"
    assert [text[p.start : p.end] for p in quote.pieces] == [
        "We will rebuild the school,",
        "and it will open in the spring.",
    ]
    assert _content(text, quote).startswith("We will rebuild") and "she said" in _content(
        text, quote
    )


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "The coach spoke after the match.\n\n"
        "“We were slow in the first half and we paid for it.\n\n"
        "“In the second half we finally played our own game,” Dana Holt said.\n"
    )
    quote = _one(text)
    assert quote.kind == "direct"
    assert quote.speaker == "Dana Holt"
    body = _content(text, quote)
    assert body.startswith("We were slow") and body.endswith("our own game,")


def test_a_following_quote_with_no_cue_keeps_the_speaker() -> None:
    text = "“Prices went up twice this year,” the baker said. “Flour alone costs a third more.”"
    first, second = extract(text)
    assert first.speaker == "the baker"
    assert second.kind == "direct"
    assert _content(text, second) == "Flour alone costs a third more."
    assert second.speaker_start == first.speaker_start


def test_a_partial_quote_inside_reported_speech() -> None:
    text = (
        "Lindqvist added that the region had no future "
        "“without a railway that actually runs on time.”"
    )
    quote = _one(text)
    assert quote.kind == "partial"
    assert quote.cue == "added"
    assert quote.speaker == "Lindqvist"
    assert _content(text, quote).startswith("the region had no future")
    (piece,) = quote.pieces
    assert text[piece.start : piece.end] == "without a railway that actually runs on time."


def test_a_participle_inside_the_reported_clause_is_not_the_cue() -> None:
    text = 'An agency spokesman said the aid announced on Monday would arrive "within a week".'
    quote = _one(text)
    assert (quote.kind, quote.cue) == ("partial", "said")
    assert _speaker(text, quote) == "An agency spokesman"


def test_a_quoted_phrase_after_a_naming_verb_is_partial() -> None:
    text = "The senator called the proposal “a tax on breathing” during the debate."
    quote = _one(text)
    assert quote.kind == "partial"
    assert _content(text, quote) == "a tax on breathing"
    assert quote.speaker == "The senator"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The finance minister said that the budget would be balanced by 2030.",
            "the budget would be balanced by 2030",
            "The finance minister",
        ),
        (
            "Officials said the road would stay closed until Monday.",
            "the road would stay closed until Monday",
            "Officials",
        ),
        (
            "According to the influential daily, the talks broke down over fishing rights.",
            "the talks broke down over fishing rights",
            "the influential daily",
        ),
        (
            "The factory will close in March, a company spokesman said.",
            "The factory will close in March",
            "a company spokesman",
        ),
        (
            "The vote was postponed twice, according to two council members.",
            "The vote was postponed twice",
            "two council members",
        ),
    ],
)
def test_indirect_speech(text: str, content: str, speaker: str) -> None:
    quote = _one(text)
    assert quote.kind == "indirect"
    assert not quote.pieces
    assert _content(text, quote) == content
    assert _speaker(text, quote) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Critics mocked the so-called “fast track” plan for months.",
        "The new body, dubbed the “northern partnership for growth”, met once.",
        "She read a chapter from “The Long Winter of Our Town” to the class.",
        "The bakery sells “artisan” bread at twice the price.",
        "The film titled “A Quiet Week in Harbour Town” opened on Friday.",
    ],
)
def test_terms_titles_and_scare_quotes_are_not_quotes(text: str) -> None:
    assert [q for q in extract(text) if q.kind != "indirect"] == []


def test_a_quote_in_a_headline_line() -> None:
    text = "“We will not close the mine,” says new owner\n\nThe sale closed on Tuesday."
    quote = extract(text)[0]
    assert quote.kind == "direct"
    assert quote.speaker == "new owner"


# Bad input: nothing crashes, nothing swallows the rest of the article.


def test_an_unclosed_quote_stops_at_its_paragraph() -> None:
    text = (
        "The mayor said: “We will rebuild everything.\n\n"
        "The council met on Monday. The budget passed by six votes to three.\n\n"
        "“Taxes will not rise,” the treasurer said."
    )
    quotes = extract(text)
    first = quotes[0]
    assert first.kind == "direct"
    assert _content(text, first) == "We will rebuild everything."
    assert all("The council met" not in _content(text, q) or q.kind == "indirect" for q in quotes)
    assert any(q.speaker == "the treasurer" for q in quotes)


def test_a_stray_closing_mark_is_ignored() -> None:
    text = "The river rose” overnight. “The dam held,” an engineer said."
    quotes = extract(text)
    assert [(q.kind, _content(text, q), q.speaker) for q in quotes] == [
        ("direct", "The dam held,", "an engineer")
    ]


def test_a_whole_article_in_quotation_marks_does_not_become_one_quote() -> None:
    paragraphs = [
        "“The storm reached the coast at dawn.",
        "Power was cut in three towns. The mayor said that schools would stay shut.",
        "Repairs may take a week.”",
    ]
    text = "\n\n".join(paragraphs)
    quotes = extract(text)
    for quote in quotes:
        assert quote.end - quote.start < len(paragraphs[1]) + 1
    assert any(q.kind == "indirect" and q.speaker == "The mayor" for q in quotes)


def test_mixed_quote_styles_pair_by_their_own_rules() -> None:
    text = (
        "“The port is open,” the harbour master said. "
        '"Ships can dock again," a pilot added. '
        "«We are relieved», said a fisherman."
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["the harbour master", "a pilot", "a fisherman"]
    assert all(q.kind == "direct" for q in quotes)


def test_a_quote_spanning_the_whole_text() -> None:
    text = "“Everything in this text is a quotation, every single word of it.”"
    quote = _one(text)
    assert quote.kind == "direct"
    assert (quote.start, quote.end) == (1, len(text) - 1)
    assert quote.speaker is None


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n ", "“", "”", '"', '""', "“”", "“ ”", "He said", "“said", 'a"b"c"d', "\n“\n”\n"],
)
def test_degenerate_inputs_do_not_crash(text: str) -> None:
    for quote in extract(text):
        assert 0 <= quote.start <= quote.end <= len(text)


def test_offsets_are_evidence() -> None:
    text = (
        "Rain fell all week. “We have never seen the lake this high,” said Ola Berg, "
        "a ferry operator. The ferry company said that crossings would resume on Sunday."
    )
    quotes = extract(text)
    assert [q.kind for q in quotes] == ["direct", "indirect"]
    for quote in quotes:
        assert quote.cue is not None and quote.cue_start is not None
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert _speaker(text, quote) is not None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a question mark ends the quote's sentence; the cue follows as a sentence of its own
        ("“Who pays for the new stadium?” Mira Olsen asked.", "Mira Olsen"),
        # party and state in brackets belong to the name
        ("“The bill is dead,” Sen. Tom Reyes (D-Ore.) said on Friday.", "Sen. Tom Reyes (D-Ore.)"),
        # an age between commas is skipped
        ("“I walked here from the station,” Lena Park, 34, said.", "Lena Park"),
        # a pull quote signed with a dash
        ("“The rent doubled in two years.” ― Jon Amadi", "Jon Amadi"),
        # a name right before a colon
        ("Harbour economist Rita Vance: “Exports will fall before they rise.”", "Rita Vance"),
    ],
)
def test_speaker_shapes(text: str, speaker: str) -> None:
    quote = _one(text)
    assert quote.kind == "direct"
    assert _speaker(text, quote) == speaker


def test_a_participle_cue_takes_the_subject_of_its_clause() -> None:
    text = (
        "The governor toured the flooded valley on Monday, saying the damage was "
        "“worse than anything we planned for.”"
    )
    quote = _one(text)
    assert quote.kind == "partial"
    assert quote.cue == "saying"
    assert quote.speaker == "The governor"


def test_an_article_before_a_short_quoted_name_makes_it_a_term() -> None:
    text = "Officials said the “Green Corridor” plan was cancelled."
    assert [q.kind for q in extract(text)] == ["indirect"]
    longer = (
        "She warned of the “quiet collapse of every small shop on the high street,” the mayor said."
    )
    assert [q.kind for q in extract(longer)] == ["partial"]


def test_two_apostrophes_are_a_double_quotation_mark() -> None:
    text = "''The ferry will run again in May,'' the harbour master said."
    quote = _one(text)
    assert quote.kind == "direct"
    assert _content(text, quote) == "The ferry will run again in May,"
    assert quote.speaker == "the harbour master"


def test_an_unclosed_mark_in_a_one_line_article_stops_at_its_sentence() -> None:
    text = (
        "The mayor said: “We will rebuild the bridge. The council approved the budget on "
        "Monday. Work starts in June. The old bridge closed in 2019 after an inspection."
    )
    (quote, *rest) = extract(text)
    assert quote.kind == "direct"
    assert _content(text, quote) == "We will rebuild the bridge."
    assert all(q.start > quote.end for q in rest)


def test_an_inverted_cue_after_a_comma_takes_the_source_after_it() -> None:
    text = (
        "The talks will cover the “slow repair of the old harbour wall” and money for the "
        "fishing fleet, said one of the mayor's advisers."
    )
    (quote,) = extract(text)
    assert quote.kind == "partial"
    assert quote.speaker == "one of the mayor's advisers"


def test_curly_single_marks_quote_speech_but_apostrophes_do_not() -> None:
    (said,) = extract("‘We will not back down,’ says fisheries minister Mara Holt")
    assert said.kind == "direct" and said.speaker == "fisheries minister Mara Holt"
    text = "The minister said: ‘We will not sign a deal that empties our harbours.’"
    (colon,) = extract(text)
    assert text[colon.start : colon.end].startswith("We will not sign")
    assert extract("Europe’s ministers don’t agree, the trawlermen’ union is silent.") == []
    assert extract("a so-called ‘coalition of the willing’ to watch the ceasefire") == []


def test_single_marks_inside_a_quote_stay_part_of_it() -> None:
    text = "“He told me ‘never again’ and walked out,” she said."
    (quote,) = extract(text)
    assert quote.speaker == "she"
    assert "‘never again’" in text[quote.start : quote.end]


def test_carrying_on_is_not_reporting() -> None:
    text = (
        "European leaders welcomed the talks while continuing their efforts to build up "
        "their own defence industry."
    )
    assert extract(text) == []
