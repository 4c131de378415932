"""Reporting cues: the verbs and phrases that introduce what someone said or thinks."""

from __future__ import annotations

from storyline.text.lexicon import SPEECH_VERBS, THOUGHT_VERBS, word_set

SPEECH = SPEECH_VERBS
THOUGHT = THOUGHT_VERBS
# Verbs that introduce a quotation but no reported clause: "while continuing their efforts
# to ..." reports nothing; '..., he continued: "..."' is a quote.
_QUOTE_ONLY = word_set("continue continues continued continuing began begins read reads")
INDIRECT = (SPEECH | THOUGHT) - _QUOTE_ONLY
# A verb followed by one of these reports nothing ('concluded with a vote', 'came up').
NOT_REPORTING_NEXT = word_set("with into up out")
# Verbs that put their speaker after them in news prose: '"…," said the senator.'
INVERTED = word_set(
    """said says added asked wrote continued explained noted argued insisted stated declared
    recalled replied responded tweeted warned remarked quipped joked countered cautioned
    exclaimed answered concluded confessed offered retorted snapped read reads opined
    interjected began mused writes asks adds notes explains continues tweets argues insists
    recalls replies responds warns says"""
)
# Verbs that take a quoted phrase as their object: 'called it "a disgrace"'.
NAMING = word_set(
    """call calls called calling described describes describing labeled labelled labeling
    labelling branded branding thanked praised referred refers decried decries criticized
    criticizes condemned condemns denounced denounces accused accuses blamed blames touted
    touts hailed hails lauded ridiculed dismissed dismisses defended defends promised
    pledged vowed"""
)
# Words before a quoted stretch that make it a term, a nickname or a title, not a quote.
TERM_MARKERS = word_set(
    """so-called dubbed titled entitled nicknamed headlined named word term phrase slogan
    hashtag motto label moniker"""
)
# Before a short quoted stretch, an article makes it a name: 'the "Access Hollywood" tape'.
ARTICLES = word_set("the a an")
