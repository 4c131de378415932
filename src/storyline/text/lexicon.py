"""Shared word lists: each written once, with where it came from.

Lower case unless said otherwise. Packages take what they need and add or remove the few
words their rule needs (``DETERMINERS - {"no"}``), so a reader sees both the shared list and
the local difference.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as text, one word per whitespace-separated item."""
    return frozenset(text.split())


# Titles and common abbreviations that keep their full stop ("Mr.", "Gen.", "Inc.",
# "Sept."), in the case news writes them; written by hand for the tokenizer, which keeps the
# full stop in the token, so they never end a sentence.
ABBREVIATIONS = tuple(
    """
    Mr Mrs Ms Dr Prof Gen Sen Sens Rep Reps Gov Lt Col Capt Cmdr Sgt Maj Adm Rev Fr St Ste Jr
    Sr Mt Ft Pres Supt Insp Det Co Corp Inc Ltd Bros Messrs No Nos vs etc approx Jan Feb Mar
    Apr Aug Sep Sept Oct Nov Dec Ave Blvd Rd
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


# Function words: no reporting in them, so word-set similarity without them is about what is
# said. A short list on purpose: news verbs ("said") and numbers stay. Written for dedup
# (its rewrite alignment) and shared by the story and event-link features.
_FUNCTION_TEXT = """
a an the and or but nor so yet of in on at to for from by with without about as into onto
over under after before between through during since until against among within is are was
were be been being am do does did doing have has had having will would shall should can
could may might must it its this that these those there here their them they he him his she
her hers we us our you your i me my mine who whom whose which what when where why how than
then also not no only just very more most such own same other both each few all any some
many much too again further once if while because though although up down out off
"""
FUNCTION_WORDS = word_set(_FUNCTION_TEXT)

# Determiners, demonstratives and possessives that open a noun phrase. Written by hand for
# the event rules (a word after one is a noun: "the sign of", "a clear shot").
DETERMINERS = word_set(
    """
    a an the this that these those its their his her our your any no every each
    """
)

# --- Closed classes of English ------------------------------------------------------------
# Written by hand from any English grammar; the rules of each package build their own lists
# from these (``ARTICLES | DEMONSTRATIVES | POSSESSIVES``) and add the few words they need.
ARTICLES = word_set("a an the")
DEMONSTRATIVES = word_set("this that these those")
POSSESSIVES = word_set("my your his her its our their")
SUBJECT_PRONOUNS = word_set("i you he she it we they")
OBJECT_PRONOUNS = word_set("me him her us them")
REFLEXIVES = word_set(
    """
    myself yourself himself herself itself ourselves yourselves themselves
    """
)
# The third-person singular pronouns that have a gender (pronoun resolution).
MASCULINE = word_set("he him his himself")
FEMININE = word_set("she her hers herself")
RELATIVES = word_set("who whom whose which that")
QUESTION_WORDS = word_set("what when where why how")
BE = word_set("am is are was were be been being")
HAVE = word_set("has have had having")
DO = word_set("do does did doing")
MODALS = word_set("can could may might must shall should will would")
CONJUNCTIONS = word_set("and or but nor")
PREPOSITIONS = word_set(
    """
    about above across after against among amid around at before behind below beneath beside
    between beyond by despite down during for from in inside into near of off on onto out
    outside over since through throughout to toward towards under until up upon via with
    within without
    """
)
# Prepositions before a place that make it where something is or happens ("in Rotterdam"),
# not an actor (events' location, the entities' place-after-in rule).
LOCATIVE_PREPOSITIONS = word_set("in at near outside inside across throughout")
QUANTIFIERS = word_set(
    """
    all any both each every few many more most much no several some such
    """
)
# Adverbs that stand between a subject and its verb or an auxiliary and its participle
# ("has also said", "was later found"), written for the event rules.
CLAUSE_ADVERBS = word_set(
    """
    again already also still then now just never not once
    """
)

# Particles of personal names, written in lower case inside a name ("Ursula von der Leyen",
# "Osama bin Laden", "Luiz Inácio Lula da Silva"); written by hand for the byline cleaner.
NAME_PARTICLES = word_set(
    """
    de da das do dos del della der den di du la le van von bin ibn al el y ter ten st. mac
    """
)

# --- Time ----------------------------------------------------------------------------------
# Calendar words in their order (Monday is 0, as in ``datetime.date.weekday``).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# Abbreviations news writes ("Sept. 11", "Tues."), each the start of its full name.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec")  # fmt: skip
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun")
# Days named from today, and parts of a day (TIMEX3's MO / AF / EV / NI).
DAYS_FROM_TODAY = word_set("today tomorrow yesterday tonight")
DAY_PARTS = word_set("morning afternoon evening night tonight overnight")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
# Ordinal suffixes of figures ("1st", "22nd", "3rd", "4th").
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
ORDINAL_SUFFIX = "(?:" + "|".join(ORDINAL_SUFFIXES) + ")"  # as a regex piece

# --- Numbers -------------------------------------------------------------------------------
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = ("hundred", "thousand", "million", "billion", "trillion")
# The value of each number word below a hundred that has a word of its own.
NUMBER_VALUES = {
    **{word: value for value, word in enumerate(("zero", *ONES, *TEENS))},
    **{word: 20 + 10 * index for index, word in enumerate(TENS)},
}


def month_of(word: str) -> int:
    """The month (1-12) of a month name or abbreviation ("sept" -> 9)."""
    return next(n for n, name in enumerate(MONTHS, 1) if name.startswith(word))


def weekday_of(word: str) -> int:
    """The weekday (Monday 0) of a weekday name or abbreviation ("thurs" -> 3)."""
    return next(n for n, name in enumerate(WEEKDAYS) if name.startswith(word))


# --- Verbs ---------------------------------------------------------------------------------
# Verbs of saying that attribute a statement, in the forms news writes them; written by hand
# for the attribution rules of quotes, pronouns, tense and events.
SAY = word_set("say says said saying")
TELL = word_set("tell tells told telling")
ADD = word_set("add adds added")
REPORT = word_set("report reports reported")
ANNOUNCE = word_set("announce announces announced")
STATE = word_set("state states stated")
# Verbs of saying and of thinking, in the forms news uses for attribution; written by hand
# for the quote cues (``quotes/cues.py``).
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
SPEECH_VERBS = word_set(_SPEECH)
THOUGHT_VERBS = word_set(_THOUGHT)

# Words ending in "ed" whose "ed" is no past-tense suffix ("need", "speed", "red",
# "hundred"), and participles news uses as adjectives ("united", "limited", "so-called").
# Written by hand for the tense and event rules, each of which reads the ones it was
# measured with.
ED_NOT_SUFFIX = word_set(
    """
    need needs needed speed seed feed weed deed bleed breed greed heed proceed succeed exceed
    indeed bed red red-carpet shed embed hundred
    """
)
ED_ADJECTIVES = word_set(
    """
    united limited based related proposed alleged detailed armed unprecedented unexpected
    advanced concerned interested supposed fixed mixed skilled talented so-called
    """
)
# The verbs of a trailing attribution (", officials said."), for the rules that skip one.
ATTRIBUTION_VERBS = word_set("said says say told added reported announced")


def alternation(words: frozenset[str] | tuple[str, ...]) -> str:
    """``words`` as a regex group ``(?:a|b|c)``, longest first (so that "says" is tried
    before "say" when the match may stop after either)."""
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


# Irregular verbs, each row a base form and its other forms; written by hand for the event
# trigger keys (``events/lemma.py``). Read as a map from every form to its base: "met" ->
# "meet", "shot" -> "shoot".
_IRREGULAR_TEXT = """
say said says | tell told | find found | shoot shot | make made | leave left | lose lost
break broke broken | throw threw thrown | take took taken | come came | go went gone goes
win won | fall fell fallen | hold held | meet met | know knew known | get got gotten
give gave given | strike struck stricken | steal stole stolen | catch caught | fight fought
sink sank sunk | lead led | run ran | begin began begun | bring brought | buy bought
send sent | spend spent | build built | feel felt | keep kept | pay paid | see saw seen
speak spoke spoken | choose chose chosen | drive drove driven | write wrote written
rise rose risen | shake shook shaken | swear swore sworn | wear wore worn | tear tore torn
freeze froze frozen | hide hid hidden | bite bit bitten | flee fled | feed fed | bleed bled
sell sold | sit sat | stand stood | think thought | teach taught | seek sought
slay slew slain | hang hung | die died dies dying | lie lay lain lying | fly flew flown
blow blew blown | grow grew grown | draw drew drawn | eat ate eaten | forbid forbade
forgive forgave | hear heard | light lit | mean meant | ride rode ridden | ring rang rung
shine shone | sing sang sung | slide slid | strive strove | swim swam swum | wake woke
withdraw withdrew withdrawn | be is was were been | have has had | do did done does
overtake overtook overtaken | undergo underwent undergone | arise arose arisen
"""
IRREGULAR_BASE: dict[str, str] = {
    form: group.split()[0]
    for line in _IRREGULAR_TEXT.strip().splitlines()
    for group in line.split("|")
    for form in group.split()
}

# --- Events: what is only weighed, planned or ruled out (issue 22) ------------------------
# Written by hand from OPEC, trade and campaign copy for the event status rules
# (``events/status.py``): the verbs of weighing a step not yet decided ("are considering an
# emergency meeting", "mulling a cut") and the nouns of a plan that a negation denies ("no
# plans for a meeting", "has no intention of attending").
WEIGHING = word_set(
    """
    consider considers considered considering mull mulls mulled mulling weigh weighs weighed
    weighing contemplate contemplates contemplated contemplating ponder ponders pondered
    pondering explore explores explored exploring
    """
)
PLAN_NOUNS = word_set("plan plans intention intentions talk sign signs prospect prospects")

# --- Entities: honorifics and organisation words (issue 22) --------------------------------
# Courtesy titles written before a surname in British and US copy ("Mr Howard", "Ms Roche",
# "Dr Kelly"): the name proper starts after them. Written by hand from BBC politics copy.
HONORIFICS = word_set("mr mr. mrs mrs. ms ms. miss mx mx. dr dr.")
# Last words that make a name an organisation ("Rotterdam Terminal Employers' Association",
# "Mobil Corp"); written by hand from BBC and Reuters copy, for the entity type vote.
ORGANIZATION_WORDS = word_set(
    """
    association authority bank board bureau club co co. commission committee company
    corp corp. corporation council department federation fund group inc inc. institute
    league ltd ltd. ministry organisation organization party plc service society union
    university
    """
)
# Words that join the parts of a long name and give no letter to its acronym ("Organization
# for Security and Co-operation in Europe" is OSCE).
ACRONYM_SKIPPED = word_set("of and the for & in on de du la")
