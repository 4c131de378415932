"""Reporting cues: the verbs and phrases that introduce what someone said or thinks."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying, in the forms news uses for attribution. Lower case.
_SPEECH = """
say says said saying tell tells told add adds added state states stated declare declares
declared announce announces announced explain explains explained note notes noted write
writes wrote argue argues argued insist insists insisted claim claims claimed assert
asserts asserted warn warns warned acknowledge acknowledges acknowledged admit admits
admitted ask asks asked reply replies replied respond responds responded continue
continues continued recall recalls recalled remark remarks remarked tweet tweets tweeted
suggest suggests suggested emphasize emphasizes emphasized emphasise emphasises emphasised
stress stresses stressed predict predicts predicted complain complains complained concede
concedes conceded confirm confirms confirmed deny denies denied urge urges urged vow vows
vowed promise promises promised observe observes observed quip quips quipped joke jokes
joked shout shouts shouted contend contends contended maintain maintains maintained charge
charges charged allege alleges alleged testify testifies testified reiterate reiterates
reiterated boast boasts boasted lament laments lamented recount recounts recounted report
reports reported repeat repeats repeated counter counters countered mused muses cautioned
cautions proclaimed proclaims predicted conceded demanded demands pledged pledges posted
posts chimed yelled cried exclaimed whispered agreed agrees disagreed disagrees answered
answers assured assures estimated estimates concluded concludes confessed confesses
offered offers elaborated retorted snapped opined groused fumed scoffed thundered gushed
raved railed blasted slammed mocked began begins read reads summed interjected highlighted
highlights underlined underlines affirmed affirms reaffirmed reaffirms yelling shouting
chanting screaming chanted screamed
acknowledging adding admitting announcing arguing asking asserting claiming complaining
conceding confirming continuing declaring denying explaining insisting noting observing
predicting promising recalling remarking replying responding saying stating stressing
suggesting telling tweeting urging vowing warning writing emphasizing reiterating posting
"""
# Verbs of thinking and knowing: cues of indirect attribution, not of quotes.
_THOUGHT = """
believe believes believed think thinks thought feel feels felt hope hopes hoped fear fears
feared expect expects expected worry worries worried know knows knew wonder wonders
wondered doubt doubts doubted suspect suspects suspected
"""
SPEECH = frozenset(_SPEECH.split())
THOUGHT = frozenset(_THOUGHT.split())
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
