"""Reporting cues: the verbs and phrases that introduce what someone said or thinks."""

from __future__ import annotations

from storyline.text.lexicon import SPEECH_VERBS, word_set

# Past forms that news uses after a quote and the lexicon does not list ('"…," one
# official commented'; by-eye check on Reuters, issue 22).
_QUOTE_VERBS = word_set("commented wondered barked vented")
SPEECH = SPEECH_VERBS | _QUOTE_VERBS
# Verbs that introduce a quotation but no reported clause: "while continuing their efforts
# to ..." reports nothing; '..., he continued: "..."' is a quote.
_QUOTE_ONLY = word_set("continue continues continued continuing began begins read reads") | (
    _QUOTE_VERBS - {"commented"}
)
# Indirect speech (issue 22): only verbs of saying or stating that take a reported clause.
# Not verbs of thinking, hoping or expecting ("Funaro hopes to visit", "buyers expected
# prices to climb"), of committing or asking someone to act ("agreed to trim", "urged the
# party to"), nor verbs that name an act rather than a statement ("posted a victory",
# "charged the fee"). Removed by hand after reading PolNeAR train's false positives.
_NOT_REPORTING = word_set(
    """ask asks asked urge urges urged vow vows vowed promise promises promised pledged pledges
    demanded demands agreed agrees disagreed disagrees offered offers posted posts chimed
    yelled cried answered answers estimated estimates highlighted highlights underlined
    underlines yelling shouting chanting screaming chanted screamed asking urging vowing
    promising posting charge charges charged counter counters countered respond responds
    responding repeat repeats repeated continue continues continued continuing remark
    remarks elaborated summed boasted boasts lament laments read reads began begins"""
)
INDIRECT = SPEECH - _QUOTE_ONLY - _NOT_REPORTING
# Present forms that are also nouns ("police state powers", "the report", "claims of
# fraud"): a cue of indirect speech only with "that" after them.
NOUN_LIKE = word_set(
    """state states report reports claim claims note notes reply replies stress stresses
    complain warn warns admit tweet tweets joke jokes observe deny denies"""
)
# Words before a verb of saying that negate it: "did not say", "declined to say".
NEGATIONS = word_set("not n't never declined refused without neither nor")
# A verb followed by one of these reports nothing ('concluded with a vote', 'came up').
NOT_REPORTING_NEXT = word_set("with into up out")
# Verbs that put their speaker after them in news prose: '"…," said the senator.'
INVERTED = (
    word_set(
        """said says added asked wrote continued explained noted argued insisted stated declared
    recalled replied responded tweeted warned remarked quipped joked countered cautioned
    exclaimed answered concluded confessed offered retorted snapped read reads opined
    interjected began mused writes asks adds notes explains continues tweets argues insists
    recalls replies responds warns says"""
    )
    | _QUOTE_VERBS
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
