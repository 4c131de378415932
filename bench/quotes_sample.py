"""``python -m bench.quotes_sample``: random quotes from real news, for a check by eye.

Cleans BBC News politics or the first 4,000 Reuters-21578 articles with ``clean_article``,
extracts their quotes with ``storyline.quotes.extract`` and prints ``--pick`` random ones
(seed ``--seed``, 22 for issue 22's tables) with kind, rule, speaker words, cue, the quoted
words and the sentence around them. The article text is research-use data: it is printed,
never written into the repository.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator

from bench import corpora
from storyline.clean import clean_article
from storyline.model import FoundQuote
from storyline.quotes import extract
from storyline.quotes.words import quote_words


def articles(corpus: str) -> Iterator[corpora.Article]:
    if corpus == "bbc-politics":
        return (a for a in corpora.bbc() if a["id"].startswith("politics/"))
    return corpora.reuters(4000)


def quotes(corpus: str) -> list[tuple[str, str, FoundQuote]]:
    """(article id, clean text, quote) for every quote of the corpus, in article order."""
    found = []
    for article in articles(corpus):
        text = clean_article(article["text"], article.get("title")).text
        found.extend((article["id"], text, quote) for quote in extract(text))
    return found


def show(text: str, quote: FoundQuote) -> str:
    speaker = quote.speaker_start
    start = quote.start if speaker is None else min(quote.start, speaker)
    around = text[max(0, start - 60) : quote.end + 40].replace("\n", " / ")
    return (
        f"- [{quote.kind}/{quote.rule}] speaker={quote.speaker!r} cue={quote.cue!r}\n"
        f"    text={quote_words(text, quote).text[:160]!r}\n    around={around[:330]!r}"
    )


def main(corpus: str, pick: int, seed: int) -> None:
    found = quotes(corpus)
    indirect = sum(q.kind == "indirect" for _, _, q in found)
    print(f"{corpus}: {len(found)} quotes ({indirect} indirect)")
    for article_id, text, quote in random.Random(seed).sample(found, min(pick, len(found))):
        print(article_id, show(text, quote))


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("corpus", choices=("bbc-politics", "reuters"))
    cli.add_argument("--pick", type=int, default=30)
    cli.add_argument("--seed", type=int, default=22)
    options = cli.parse_args()
    main(options.corpus, options.pick, options.seed)
