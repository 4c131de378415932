"""Issue 22, second pass: the rules read off PolNeAR train's errors, each pinned on a real
sentence's shape rewritten in our own words (no article text)."""

from __future__ import annotations

import pytest

from storyline.model import FoundQuote
from storyline.quotes import extract
from storyline.quotes.extract import extract_counted
from storyline.quotes.problems import (
    ACROSS_PARAGRAPHS,
    CAPITALS,
    NESTED,
    TABLE,
    UNCLOSED,
)
from storyline.quotes.stage import QuoteInput, read_quotes
from storyline.quotes.words import quote_words


def _only(text: str, kind: str | None = None) -> FoundQuote:
    found = [q for q in extract(text) if kind is None or q.kind == kind]
    assert len(found) == 1, found
    return found[0]


def _words(text: str, quote: FoundQuote) -> str:
    return quote_words(text, quote).text


# Speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # 'Officials at Ford and GM said': the officials speak, not the last company.
        (
            "Officials at Dunmore and Pike said the mill would close next spring.",
            "Officials at Dunmore and Pike",
        ),
        (
            '"The mill will close next spring," officials at Dunmore and Pike said.',
            "officials at Dunmore and Pike",
        ),
        # A plural possessive: the spokesman of the party.
        ("The Whigs' spokesman said the levy would fail in the vote.", "The Whigs' spokesman"),
        ('"The levy will fail," the Whigs\' spokesman said.', "the Whigs' spokesman"),
        # A time phrase between the name and the verb is not the speaker.
        (
            "Party spokesman Ivo Brandt on Thursday evening said the party was not in crisis.",
            "Party spokesman Ivo Brandt",
        ),
        # A share of people polled speaks.
        (
            "About one in five say they would stay at home if the mayor ran again.",
            "About one in five",
        ),
        (
            "But 58 percent of rural voters said they were less likely to vote.",
            "58 percent of rural voters",
        ),
    ],
)
def test_speaker_words(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


def test_a_group_of_names_does_not_swallow_a_clause() -> None:
    # 'won in Ohio and Clinton said': the 'and' joins two clauses, not two names.
    quote = _only("Lund won in Ostby and Marsh said the count had been unfair.", "indirect")
    assert quote.speaker == "Marsh"


def test_two_apostrophes_open_a_new_sentence() -> None:
    # ''…'' marks (one newspaper's style): the sentence before is not the quote's clause.
    text = (
        "Some critics say the novel may sell well. ''I think it can work,'' said Ana Ruiz, "
        "a reviewer. ''It has heart.''"
    )
    quotes = [q for q in extract(text) if q.kind != "indirect"]
    assert {q.speaker for q in quotes} == {"Ana Ruiz"}


def test_an_inverted_cue_after_a_quote_names_the_speaker_of_the_next_words() -> None:
    text = (
        '"It was handled far too lightly," said a former harbour official who described '
        'the affair as "a lesser set of failures."'
    )
    speakers = [q.speaker for q in extract(text) if q.kind != "indirect"]
    assert speakers == ["a former harbour official", "a former harbour official"]


def test_said_opening_the_sentence() -> None:
    text = 'Said Dora Pell, who grew up on the street, "We were all so proud of him."'
    quote = _only(text)
    assert quote.speaker is not None and quote.speaker.startswith("Dora Pell")


def test_a_cue_that_introduces_the_next_quote_is_not_the_speaker_of_the_one_before() -> None:
    text = (
        '"Read this before you judge," Sten wrote. "If you take offence, that is yours." '
        'He added: "This row is beyond silly."'
    )
    quotes = [q for q in extract(text) if q.kind != "indirect"]
    second = next(q for q in quotes if "offence" in _words(text, q))
    third = next(q for q in quotes if "silly" in _words(text, q))
    assert second.speaker == "Sten"
    assert third.speaker == "He"


def test_a_cue_later_in_the_sentence_beats_the_speaker_before() -> None:
    text = (
        '"It was unfair," said Ola Berg. "What do I want? I want to wait until I meet '
        'them" before going into details, he said.'
    )
    quote = next(q for q in extract(text) if "wait until" in _words(text, q))
    assert quote.speaker == "he"


def test_a_short_sentence_right_after_a_quote_goes_on_with_it() -> None:
    text = "''He understands the harbour,'' said Ivo Marsh, the guild's head. ''Ivo gets it.''"
    quote = next(q for q in extract(text) if "gets it" in _words(text, q))
    assert quote.speaker == "Ivo Marsh"


# Quoted words with no verb of saying


def test_quoted_words_without_a_verb_of_saying_are_a_partial_quote() -> None:
    text = 'Rask also bemoaned a climate in which people "truly loathe each other" these days.'
    quote = _only(text)
    assert quote.kind == "partial" and quote.rule == "partial-no-cue"
    assert _words(text, quote) == "truly loathe each other"
    assert quote.speaker == "Rask"


@pytest.mark.parametrize(
    "text",
    [
        # A title with its comma inside the marks, a cited headline, a dubbed name.
        'He said so on the channel\'s "Sunday Morning Hour," before the vote.',
        '"Street art show opens in the old mill," by the Gazette\'s Pia Holm.',
        "The new body, dubbed the “northern partnership for growth”, met once.",
    ],
)
def test_titles_and_cited_headlines_are_not_quotes(text: str) -> None:
    assert [q for q in extract(text) if q.kind != "indirect"] == []


# Indirect speech


def test_a_cue_between_commas_gives_a_statement_in_two_parts() -> None:
    text = "The bigger risk, she said, is a clash between fishing fleets at sea."
    quote = _only(text, "indirect")
    assert quote.rule == "indirect-cue-inside"
    assert quote.speaker == "she"
    assert _words(text, quote) == "The bigger risk … is a clash between fishing fleets at sea"
    for start, end in quote_words(text, quote).parts:
        assert "said" not in text[start:end]


def test_according_to_a_long_source() -> None:
    text = (
        "About 40 million borrowers owe more than before, according to data from the "
        "Ministry of Learning released in May."
    )
    quote = _only(text, "indirect")
    assert quote.rule == "indirect-according-to"
    assert text[quote.start : quote.end] == "About 40 million borrowers owe more than before"
    assert quote.speaker is not None and quote.speaker.startswith("data from the Ministry")


def test_a_reported_question_but_not_a_request() -> None:
    asked = "A reporter asked Pell how she was feeling on the day of the vote."
    quote = _only(asked, "indirect")
    assert quote.rule == "indirect-asked-question"
    assert asked[quote.start : quote.end].startswith("how she was feeling")
    assert [q for q in extract("The mayor asked the guild to drop its claim.")] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("She said she'd rather see the money go to the school.", "she'd rather see"),
        ("The office said about half of the rise reflected lower tax receipts.", "about half"),
        ("Ola Berg said seeing so many guards at the fair was welcome.", "seeing so many"),
        ("Party officials say that, even if they wanted it, a recount is not possible.", "even if"),
    ],
)
def test_reported_clauses_that_open_unusually(text: str, content: str) -> None:
    quote = _only(text, "indirect")
    assert text[quote.start : quote.end].startswith(content)


def test_an_answer_after_the_cue_is_not_the_statement_before_it() -> None:
    text = "Asked if he had ever been bullied, the candidate said no."
    assert [q for q in extract(text) if q.rule.startswith("indirect-cue-after")] == []


def test_a_statement_in_a_subordinate_clause_ends_at_its_comma() -> None:
    text = "While critics argue that swaps invite more kidnappings, the envoy defends them."
    quote = _only(text, "indirect")
    assert text[quote.start : quote.end] == "swaps invite more kidnappings"


@pytest.mark.parametrize(
    "text",
    [
        # A participle with an object, not a clause.
        "Her eldest daughter built a brand, writing a book called Working Women for it.",
        # A clause is no speaker ('he fully backs the deal, said …' read backwards).
        "Rep. Dan Holt, ranking member of the panel, he fully backs the deal said nobody.",
        # An opening phrase before the comma is no statement.
        "In an interview, Lena Dahl said the plan was sound.",
    ],
)
def test_no_false_statement(text: str) -> None:
    for quote in extract(text):
        assert quote.rule != "indirect-cue-after", quote
        if quote.kind == "indirect":
            assert quote.cue != "writing"


# Bad input: no crash, no attribution inside the words, every problem counted


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            'The mayor said "we will rebuild the port, she said, and then left. Nobody asked.',
            UNCLOSED,
        ),
        ('"He called it “a disgrace” in front of the guild," Roe said.', NESTED),
        ('“He called it "a disgrace" in front of the guild,” Roe said.', NESTED),
        (
            '"We will rebuild the mill this year.\n\n"Then we open the school," the mayor said.',
            ACROSS_PARAGRAPHS,
        ),
        (
            "PORT SAYS NO PLANS FOR AN EMERGENCY MEETING\n\n"
            'THE MINISTER SAID "WE SEE NO NEED FOR A MEETING NOW," HE TOLD REPORTERS.',
            CAPITALS,
        ),
        ("Close:\nBRENT | 18.20 | +0.15 | 1.2%\nTicker MOB> 12.5 13.1 ''A'' shares\n", TABLE),
    ],
)
def test_bad_input_is_read_counted_and_keeps_attributions_out(text: str, problem: str) -> None:
    quotes, problems = extract_counted(text)
    assert problems[problem] >= 1, problems
    for quote in quotes:
        words = quote_words(text, quote)
        for start, end in words.parts:
            for at in (quote.cue_start, quote.speaker_start):
                assert at is None or not start <= at < end, (quote, text[start:end])
        assert " she said" not in words.text and "said Roe" not in words.text


def test_a_nested_quote_stays_inside_its_quote() -> None:
    text = '"He called it “a disgrace” in front of the guild," Roe said.'
    quote = _only(text)
    assert _words(text, quote) == "He called it “a disgrace” in front of the guild,"
    assert quote.speaker == "Roe"


def test_the_stage_reads_the_problems_of_body_and_headline() -> None:
    found = read_quotes(
        QuoteInput('She said "this never ends.\n\nOK.', "PORT SAYS NO DEAL TODAY OR LATER")
    )
    problems = dict(found.problems)
    assert problems[UNCLOSED] == 1 and problems[CAPITALS] == 1


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A verb of saying chained to the verb before it: the subject of that verb speaks.
        (
            "When Rob Moore was asked at a lunch if she would meet the press, he laughed "
            "and said, “We will see.”",
            "he",
        ),
        (
            'The debate was so calm that Mr. Holt was prompted to say, "I cannot believe '
            'how civil it has been."',
            "Mr. Holt",
        ),
        # A relative clause as the aside, with a word like 'as' inside it.
        (
            "O'Malley, who signed the gun laws as governor, interjected to say: \"They have "
            'both wavered on this."',
            "O'Malley",
        ),
        # Who speaks stands before a participle and its object.
        (
            "Another intelligence source speaking to Fox News said, “The agents are "
            "looking at the gifts now.”",
            "Another intelligence source",
        ),
        # A phrase of place between commas, with a city and its state.
        (
            'Berg, during a town hall meeting in Columbus, Ohio, said she was "going to put '
            'a lot of firms out of business."',
            "Berg",
        ),
    ],
)
def test_speaker_of_chained_and_interrupted_cues(text: str, speaker: str) -> None:
    quote = next(q for q in extract(text) if q.kind != "indirect")
    assert quote.speaker == speaker


def test_a_description_in_apposition_keeps_its_name() -> None:
    text = (
        "Lund, the only candidate to campaign in Ostby, told delegates that their votes "
        'could help him win "a battle in the capital."'
    )
    quote = next(q for q in extract(text) if q.kind != "indirect")
    assert quote.speaker is not None and quote.speaker.startswith("Lund")


# From the by-eye check on BBC politics (seed 22), rewritten


def test_neither_nor_would_say_is_no_statement() -> None:
    text = "Neither Mr Holt nor Mr Lund would say exactly how they would spend the money."
    assert [q for q in extract(text) if q.kind == "indirect"] == []


def test_quoted_words_after_an_inverted_cue_are_no_speaker() -> None:
    text = 'But Mr Holt denied Mr Yeo, his transport spokesman, said the plans "stink".'
    assert [q for q in extract(text) if q.rule.startswith("indirect-cue-after")] == []


def test_a_verb_chained_by_but_skips_the_complement_before_it() -> None:
    text = (
        "He acknowledged that the public had lost faith in the party, but suggested it "
        'could win people back to "reinvest their trust with us" soon.'
    )
    assert _only(text).speaker == "He"


def test_a_passive_cue_names_no_speaker() -> None:
    text = 'Dan Holt has been accused of using the "politics of confusion" to hide new rules.'
    assert _only(text).speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'The Whig co-chairman attacked the plan as "a cheap stunt" on Monday.',
            "The Whig co-chairman",
        ),
        (
            'The Whig leader brands such critics "the usual moaners" in his speech.',
            "The Whig leader",
        ),
    ],
)
def test_the_head_noun_after_a_party_name(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


def test_an_inverted_cue_after_a_phrase_names_the_speaker_after_it() -> None:
    text = (
        "''The most striking thing is a new calm among buyers,'' like the recent swings in "
        "markets, said Ria Holm, the chief economist of the survey."
    )
    quote = next(q for q in extract(text) if q.kind != "indirect")
    assert quote.speaker is not None and quote.speaker.startswith("Ria Holm")


def test_a_discourse_word_is_not_part_of_the_speaker() -> None:
    text = 'Perhaps, he said, this "small town has grown too big too fast."'
    assert _only(text).speaker == "he"


def test_commented_is_a_cue() -> None:
    text = '"We took a bet on prices and it is not yet lost," one treasury official commented.'
    assert _only(text).speaker == "one treasury official"


def test_a_chained_speaker_is_the_pronoun_after_an_earlier_verb_of_saying() -> None:
    text = (
        'Mr Holt said he accepted the worry, but insisted that "what they were was '
        'anti-Whig" and nothing else.'
    )
    assert _only(text).speaker == "he"
