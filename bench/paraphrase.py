"""Rule-based paraphrase of news articles, to make the rewrites of the dedup evaluation.

A rewrite keeps what real rewrites keep (names, numbers and quoted words, verbatim) and
changes the wording: a synonym table of common news words, clause reordering ("X said on
Monday that Y" -> "Y, X said on Monday"), sentence splitting at ", and" and "; ", paragraph
reordering, a dropped sentence and an added one, and a new headline. A chosen share of the
sentences (60-75% by default) is changed; the rest are left verbatim.

Deterministic: every choice comes from the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# word -> replacement, for lower-case words outside quotes. Inflected forms are listed
# separately so that the grammar survives the swap.
_SYNONYM_TEXT = """
said:stated says:states say:state saying:stating told:informed tell:inform tells:informs
announced:declared announce:declare announces:declares announcing:declaring
added:continued adds:continues reported:disclosed reports:discloses report:account
increase:rise increased:rose increases:rises increasing:rising
decrease:decline decreased:declined decreases:declines decreasing:declining
rise:increase rose:climbed rising:climbing rises:climbs fell:dropped fall:drop falls:drops
falling:dropping dropped:fell drop:fall dropped:slipped declined:fell decline:fall
grew:expanded grow:expand growing:expanding growth:expansion
big:large large:sizeable small:modest major:leading huge:vast
buy:purchase bought:purchased buying:purchasing buys:purchases
sell:offload sold:offloaded selling:offloading sells:offloads sale:disposal sales:turnover
begin:start began:started beginning:starting begins:starts start:begin started:began
end:finish ended:finished ending:finishing ends:finishes
help:assist helped:assisted helping:assisting helps:assists
show:indicate showed:indicated shows:indicates showing:indicating shown:indicated
expect:anticipate expected:anticipated expects:anticipates expecting:anticipating
plan:intend planned:intended plans:intends planning:intending
need:require needed:required needs:requires needing:requiring
try:attempt tried:attempted tries:attempts trying:attempting
get:obtain got:obtained gets:obtains getting:obtaining
give:provide gave:provided gives:provides giving:providing given:provided
make:produce made:produced makes:produces making:producing
use:employ used:employed uses:employs using:employing
keep:retain kept:retained keeps:retains keeping:retaining
hold:maintain held:maintained holds:maintains holding:maintaining
seek:pursue sought:pursued seeks:pursues seeking:pursuing
agree:concur agreed:consented agrees:concurs agreement:accord deal:agreement deals:agreements
talks:negotiations talk:discussion meeting:session meetings:sessions
warn:caution warned:cautioned warns:cautions warning:caution
claim:assert claimed:asserted claims:asserts
believe:think believed:thought believes:thinks
win:secure won:secured wins:secures winning:securing
lose:forfeit lost:forfeited loses:forfeits losing:forfeiting
cut:reduce cuts:reductions reduced:lowered reduce:lower reducing:lowering
raise:lift raised:lifted raises:lifts raising:lifting
allow:permit allowed:permitted allows:permits allowing:permitting
include:comprise included:comprised includes:comprises including:comprising
receive:get received:got receives:gets
decide:resolve decided:resolved decides:resolves decision:ruling
consider:weigh considered:weighed considers:weighs considering:weighing
discuss:debate discussed:debated discusses:debates discussing:debating
provide:supply provided:supplied provides:supplies providing:supplying
create:generate created:generated creates:generates creating:generating
offer:bid offered:proposed offers:bids offering:sale
remain:stay remained:stayed remains:stays remaining:staying
become:turn became:turned becomes:turns
reach:hit reached:hit reaches:hits reaching:hitting
return:come_back returned:came_back
appear:seem appeared:seemed appears:seems
continue:carry_on continued:carried_on continues:carries_on
support:back supported:backed supports:backs supporting:backing
oppose:resist opposed:resisted opposes:resists
accept:take accepted:took accepts:takes
ask:request asked:requested asks:requests asking:requesting
call:urge called:urged calls:urges calling:urging
prepare:ready prepared:readied
confirm:verify confirmed:verified confirms:verifies
deny:reject denied:rejected denies:rejects
suggest:propose suggested:proposed suggests:proposes
estimate:reckon estimated:reckoned estimates:projections
predict:forecast predicted:forecast predicts:forecasts
improve:better improved:bettered improves:betters improvement:gain
fail:neglect failed:neglected fails:neglects
face:confront faced:confronted faces:confronts facing:confronting
build:construct built:constructed builds:constructs building:constructing
pay:settle paid:settled pays:settles paying:settling
spend:expend spent:expended spending:expenditure
cost:price costs:expenses
company:firm companies:firms firm:company firms:companies business:enterprise
group:concern government:administration governments:administrations
official:representative officials:representatives spokesman:representative
spokeswoman:representative minister:secretary ministers:secretaries
president:head chairman:chair chief:head executive:manager executives:managers
country:nation countries:nations people:individuals
market:marketplace markets:marketplaces share:stake stock:equity stocks:equities
price:cost prices:costs profit:earnings profits:earnings revenue:income revenues:incomes
money:funds loss:deficit losses:deficits debt:borrowing debts:borrowings
bank:lender banks:lenders investor:backer investors:backers
industry:sector industries:sectors
percent:per_cent figure:number figures:numbers amount:quantity
rate:level rates:levels level:degree levels:degrees
problem:difficulty problems:difficulties issue:matter issues:matters
plan:scheme plans:schemes proposal:suggestion proposals:suggestions
effort:attempt efforts:attempts move:step moves:steps
result:outcome results:outcomes effect:impact effects:impacts
reason:cause reasons:causes way:manner ways:manners
case:matter cases:matters change:shift changes:shifts
power:authority control:command system:framework systems:frameworks
program:scheme programme:scheme project:venture projects:ventures
service:provision services:provisions product:good products:goods
demand:appetite supply:provision supplies:provisions
production:output producer:maker producers:makers
agency:body agencies:bodies organisation:body organization:body
statement:announcement news:information interview:conversation
talk:conversation source:informant sources:informants
expert:specialist experts:specialists analyst:observer analysts:observers
leader:head leaders:heads member:participant members:participants
worker:employee workers:employees staff:personnel job:post jobs:posts
child:youngster children:youngsters man:individual woman:individual men:individuals
women:individuals police:authorities officer:official officers:officials
team:squad teams:squads game:match games:matches player:competitor players:competitors
season:campaign coach:manager fan:supporter fans:supporters
film:movie films:movies show:programme star:celebrity album:record song:track
important:significant significant:substantial main:principal key:crucial
new:fresh recent:latest current:present former:previous previous:prior
likely:probable possible:feasible unlikely:improbable
strong:robust weak:feeble higher:greater lower:smaller
good:positive bad:negative better:improved worse:poorer best:finest worst:poorest
difficult:hard hard:tough easy:simple clear:evident different:distinct similar:comparable
serious:grave sharp:steep sharply:steeply quickly:rapidly slowly:gradually
recently:lately currently:presently already:previously soon:shortly still:yet
however:nevertheless also:additionally but:yet about:around nearly:almost approximately:about
mainly:chiefly largely:mostly very:highly really:truly only:merely just:only
because:since although:though despite:in_spite_of
before:prior_to after:following during:throughout
enough:sufficient several:a_number_of many:numerous
total:overall whole:entire further:additional
public:general private:personal national:nationwide international:global
political:party-political economic:financial financial:monetary
annual:yearly daily:day-to-day monthly:month-by-month
told:informed announced:unveiled
"""

SYNONYMS: dict[str, str] = {}
for _entry in _SYNONYM_TEXT.split():
    _word, _, _replacement = _entry.partition(":")
    SYNONYMS.setdefault(_word, _replacement.replace("_", " "))

_ADDED_SENTENCES = (
    "Further details were not immediately available.",
    "The figures could not be independently verified.",
    "Officials did not respond to requests for further comment.",
    "The announcement was widely expected by observers.",
    "It was not immediately clear what would happen next.",
    "The matter is expected to be discussed again in the coming weeks.",
)

_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|'[^']{12,}'")
# A word not joined to another by a hyphen or apostrophe ("full-year" and "Japan's" stay).
_WORD = re.compile(r"(?<![-'’\w])[A-Za-z]+(?![-'’\w])")
_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")
_AN_BEFORE_CONSONANT = re.compile(r"\b([Aa])n (?=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}, [A-Z][a-z]{2,8}\.? \d{1,2} - ")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Corp|Inc|"
    r"Ltd|Co|No|Gen|Sen|Rep|Gov|Lt|Col|U\.S|vs)\.$"
)
_SAID_THAT = re.compile(
    r"^(?P<who>[^\"“”,;]{3,80}?) (?P<verb>said|says|told reporters|announced)"
    r"(?P<when>(?: on [A-Z][a-z]+day| yesterday| today| late [A-Z][a-z]+day| in a statement)?)"
    r" that (?P<what>.{20,})\.$"
)
_SAID_END = re.compile(
    r"^(?P<what>[^\"“”]{25,}), (?P<who>[^,\"“”]{3,60}?) (?P<verb>said|says|added)"
    r"(?P<when>(?: on [A-Z][a-z]+day| yesterday| today| in a statement)?)\.$"
)
_ACCORDING = re.compile(r"^According to (?P<who>[^,]{3,60}), (?P<what>.{20,})\.$")
# ", and" joins two clauses when a subject follows it.
_SPLIT_AND = re.compile(
    r", and (?=(?:the|a|an|it|he|she|they|we|its|his|her|their|this|that|there|some|most)\b)"
)
_SEMICOLON = re.compile(r"; (?=[a-z])")


@dataclass(frozen=True, slots=True)
class Rewrite:
    title: str
    text: str
    sentences: int  # sentences in the rewrite
    changed: int  # of which are not verbatim sentences of the original


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank lines or indented lines start one (Reuters)."""
    parts = re.split(r"\n\s*\n|\n(?=[ \t])", text.strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; a break after an abbreviation ("Mr.", "U.S.") is not one."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(paragraph):
        head = paragraph[start : match.start() + 1]
        if _ABBREVIATION.search(head.rstrip('"”’)')):
            continue
        pieces.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it looks like a name (``Reuters``, ``U.S.``)."""
    first = text.split(" ", 1)[0]
    if first in {"The", "A", "An", "It", "This", "That", "These", "Those", "Its", "Their"}:
        return text[:1].lower() + text[1:]
    return text


def synonyms(sentence: str, rng: random.Random, share: float = 0.85) -> str:
    """Swap common words for synonyms outside quotes; names and numbers are never touched."""
    out: list[str] = []
    last = 0
    for quoted in _QUOTED.finditer(sentence):
        out.append(_swap(sentence[last : quoted.start()], rng, share))
        out.append(quoted.group())
        last = quoted.end()
    out.append(_swap(sentence[last:], rng, share))
    swapped = "".join(out)
    if swapped == sentence:
        return sentence
    swapped = _A_BEFORE_VOWEL.sub(r"\1n ", swapped)
    return _AN_BEFORE_CONSONANT.sub(r"\1 ", swapped)


def _swap(text: str, rng: random.Random, share: float) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        # Capitalised words inside a sentence are names: keep them. A capitalised first word
        # is swapped with its capital kept.
        if lower not in SYNONYMS or (word[0].isupper() and match.start() > 0):
            return word
        if word.isupper() and len(word) > 1:
            return word
        if rng.random() >= share:
            return word
        replacement = SYNONYMS[lower]
        return _capitalise(replacement) if word[0].isupper() else replacement

    return _WORD.sub(replace, text)


def reorder_clauses(sentence: str) -> str | None:
    """ "X said on Monday that Y." <-> "Y, X said on Monday."; None when no pattern fits."""
    if match := _SAID_THAT.match(sentence):
        what = _capitalise(match["what"].rstrip(" ,"))
        return f"{what}, {_lower_first(match['who'])} {match['verb']}{match['when']}."
    if match := _SAID_END.match(sentence):
        what = _lower_first(match["what"])
        return f"{_capitalise(match['who'])} {match['verb']}{match['when']} that {what}."
    if match := _ACCORDING.match(sentence):
        return f"{_capitalise(match['what'])}, according to {match['who']}."
    return None


def split_sentence(sentence: str) -> list[str] | None:
    """Split at ", and " or "; " when both halves are real clauses (6+ words)."""
    for pattern in (_SEMICOLON, _SPLIT_AND):
        for match in pattern.finditer(sentence):
            head, tail = sentence[: match.start()], sentence[match.end() :]
            inside_quote = head.count('"') % 2 == 1 or head.count("“") > head.count("”")
            if inside_quote or len(head.split()) < 6 or len(tail.split()) < 6:
                continue
            return [head.rstrip(",;") + ".", _capitalise(tail)]
    return None


def change_sentence(sentence: str, rng: random.Random) -> list[str]:
    """One sentence in other words: reordered or split when a rule fits, plus synonyms."""
    result = [sentence]
    rules = ["reorder", "split"]
    rng.shuffle(rules)
    for rule in rules:
        if rule == "reorder" and (reordered := reorder_clauses(sentence)) is not None:
            result = [reordered]
            break
        if rule == "split" and (parts := split_sentence(sentence)) is not None:
            result = parts
            break
    result = [synonyms(s, rng, share=1.0) for s in result]
    if len(result) == 1 and _changed_words(sentence, result[0]) < 3:
        # Nothing fitted and no synonym applied: a light framing change still rewrites it.
        framed = _frame(result[0], rng)
        result = [framed] if framed else result
    return result


def _changed_words(before: str, after: str) -> int:
    return len(set(before.split()) ^ set(after.split()))


def _frame(sentence: str, rng: random.Random) -> str | None:
    if not sentence.endswith(".") or '"' in sentence or "“" in sentence:
        return None
    opener = rng.choice(("Notably, ", "In addition, ", "Meanwhile, ", "At the same time, "))
    return opener + _lower_first(sentence)


def rewrite_title(title: str, rng: random.Random) -> str:
    """A new headline: synonyms, sentence case, and sometimes a different framing."""
    base = " ".join(title.split())
    if base.isupper():
        base = base.capitalize()
    changed = synonyms(base, rng, share=1.0)
    if changed == base:
        changed = rng.choice(("Report: ", "Update: ", "")) + base
        if changed == base:
            changed = base + rng.choice((", officials say", " - latest", ", sources say"))
    return changed


def paraphrase(
    title: str, text: str, rng: random.Random, change_share: tuple[float, float] = (0.65, 0.75)
) -> Rewrite:
    """Rewrite an article; about ``change_share`` of its sentences are changed."""
    # A wire dateline ("LONDON, March 3 - ") stays in front, as a rewriting desk keeps it.
    dateline = _DATELINE.match(text.strip())
    prefix = dateline.group() if dateline else ""
    paragraphs = [split_sentences(p) for p in split_paragraphs(text.strip()[len(prefix) :])]
    paragraphs = [p for p in paragraphs if p]
    flat = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
    target = rng.uniform(*change_share)
    chosen = set(rng.sample(flat, round(target * len(flat)))) if flat else set()
    # Drop one sentence (not the lead) from longer articles.
    dropped = None
    if len(flat) >= 8:
        dropped = rng.choice(flat[2:])
    new_paragraphs: list[list[str]] = []
    for i, sentences in enumerate(paragraphs):
        out: list[str] = []
        for j, sentence in enumerate(sentences):
            if (i, j) == dropped:
                continue
            out.extend(change_sentence(sentence, rng) if (i, j) in chosen else [sentence])
        if out:
            new_paragraphs.append(out)
    # Swap two paragraphs after the lead, and add one sentence of comment.
    if len(new_paragraphs) >= 4 and rng.random() < 0.6:
        a, b = rng.sample(range(1, len(new_paragraphs)), 2)
        new_paragraphs[a], new_paragraphs[b] = new_paragraphs[b], new_paragraphs[a]
    if new_paragraphs and rng.random() < 0.7:
        new_paragraphs.insert(
            rng.randrange(1, len(new_paragraphs) + 1), [rng.choice(_ADDED_SENTENCES)]
        )
    original = {s for p in paragraphs for s in p}
    result = [s for p in new_paragraphs for s in p]
    changed = sum(1 for s in result if s not in original)
    return Rewrite(
        title=rewrite_title(title, rng),
        text=prefix + "\n\n".join(" ".join(p) for p in new_paragraphs) + "\n",
        sentences=len(result),
        changed=changed,
    )
