"""The text layer: one tokenizer, one sentence splitter and the shared word lists.

Every package reads text through these modules, so that an event's sentence and its time
expression's sentence are cut by the same rules and a word list is written once:

- ``tokens.py``: :func:`~storyline.text.tokens.tokenize` (tokens with character offsets, split
  as CoNLL-2003 splits news text) and :func:`~storyline.text.tokens.words` (the normalised
  words two texts are compared by);
- ``sentences.py``: :func:`~storyline.text.sentences.sentences` (sentences of tokens, with
  the options some readers need) and the spans and lookups built on it;
- ``lexicon.py``: closed-class words, calendar words, numbers, titles, verbs of saying,
  irregular verbs, each list once with where it came from.
"""
