"""The events news analysts track, and the words that report them.

One hand-written table: each type lists its verbs (base forms; inflections are generated,
irregular ones listed) and its nouns (singular; plurals generated). A word is a trigger
only in the forms listed for it, so "talks" is a meeting but "talked" is not, and "deal"
is an agreement only as a noun. The types follow the issue's list (meeting, agreement,
proposal, statement, decision, suspension, deployment, attack, ceasefire, sanction,
election, appointment, resignation, arrest, trial, verdict) plus what ECB+ and wire copy
report most (death, disaster, acquisition, launch, protest, visit, award, resumption).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.text.lexicon import IRREGULAR_BASE

# type: (verbs, nouns)
_TABLE: dict[str, tuple[str, str]] = {
    "meeting": (
        "meet convene gather confer negotiate",
        "meeting talks summit conference negotiations discussions consultations session gathering",
    ),
    "visit": ("visit", "visit trip tour"),
    "agreement": (
        "agree sign",
        "agreement deal accord treaty pact compromise settlement",
    ),
    "proposal": ("propose offer", "proposal offer bid initiative"),
    "statement": (
        "announce declare pledge vow",
        "statement declaration announcement communique pledge",
    ),
    "decision": ("decide approve reject veto endorse ratify", "decision approval rejection veto"),
    "suspension": ("suspend halt freeze", "suspension halt freeze moratorium"),
    "resumption": ("resume restore", "resumption restoration"),
    "deployment": ("deploy", "deployment"),
    "attack": (
        "attack bomb shell invade raid storm ambush shoot",
        "attack airstrike air-strike bombing shelling invasion raid assault offensive "
        "shooting strike",
    ),
    "death": ("kill murder assassinate die", "death killing murder assassination"),
    "ceasefire": ("", "ceasefire cease-fire truce armistice"),
    "sanction": ("sanction", "sanction embargo"),
    "election": ("elect vote reelect re-elect", "election vote referendum ballot runoff"),
    "appointment": ("appoint nominate hire", "appointment nomination"),
    "resignation": ("resign quit", "resignation"),
    "dismissal": ("sack dismiss oust fire", "dismissal ouster"),
    "arrest": ("arrest detain", "arrest detention"),
    "trial": ("indict charge prosecute sue", "trial indictment prosecution lawsuit"),
    "verdict": ("convict acquit sentence", "verdict conviction acquittal ruling"),
    "protest": ("protest demonstrate", "protest demonstration rally march"),
    "disaster": (
        "explode",
        "earthquake quake flood hurricane tsunami wildfire eruption crash explosion blast",
    ),
    "acquisition": ("acquire buy purchase merge", "acquisition takeover merger purchase"),
    "launch": ("launch unveil", "launch unveiling"),
    "award": ("award", "award prize"),
    "injury": ("injure wound", "injury"),
    "contest": ("win beat defeat clinch", "victory win defeat triumph"),
    "release": ("release free", "release"),
    "damage": ("damage destroy", "damage destruction"),
    "escape": ("escape flee", "escape"),
    "investigation": ("investigate probe", "investigation inquiry probe"),
    "accusation": ("accuse allege", "accusation allegation"),
    "rescue": ("rescue evacuate", "rescue evacuation"),
    "fire": ("", "fire blaze arson"),
    "robbery": ("rob", "robbery heist theft"),
    "riot": ("riot", "riot unrest clash"),
}

# Past tense and participle of the irregular verbs above (the text layer's table, and the
# forms it leaves out).
_IRREGULAR: dict[str, tuple[str, ...]] = {
    verb: tuple(form for form, base in IRREGULAR_BASE.items() if base == verb and form != verb)
    for verb in ("meet", "buy", "shoot", "win", "flee")
} | {"quit": ("quit",), "beat": ("beat", "beaten"), "free": ("freed",)}


# Verbs whose past and "-ing" forms are not made by the rules below.
_DOUBLED: dict[str, tuple[str, str]] = {
    "quit": ("quit", "quitting"),
    "shoot": ("shot", "shooting"),
    "win": ("won", "winning"),
    "rob": ("robbed", "robbing"),
    "flee": ("fled", "fleeing"),
    "free": ("freed", "freeing"),
}


_ADJECTIVE_BASE = frozenset({"free"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word form that reports an event: its type, lemma and whether it is a verb form
    (``form`` "base", "s", "past", "ing") or a noun ("noun", "plural")."""

    type: str
    lemma: str
    form: str


def _verb_forms(verb: str) -> dict[str, str]:
    forms = {verb: "base"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms[verb + "es"] = "s"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms[verb[:-1] + "ies"] = "s"
    else:
        forms[verb + "s"] = "s"
    if verb in _DOUBLED:
        past, ing = _DOUBLED[verb]
    elif verb.endswith("ie"):
        past, ing = verb + "d", verb[:-2] + "ying"
    elif verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
        past, ing = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    forms[past] = "past"
    forms[ing] = "ing"
    for irregular in _IRREGULAR.get(verb, ()):
        forms[irregular] = "past"
    return forms


def _plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun if noun.endswith("s") and noun in {"talks", "negotiations"} else noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _build() -> dict[str, Trigger]:
    triggers: dict[str, Trigger] = {}
    # Every noun first: a noun reading wins over a verb of an earlier type ("fire" is a
    # blaze; "fired" the verb of a dismissal or a weapon, read in context by sense.py).
    for type_, (_, nouns) in _TABLE.items():
        for noun in nouns.split():
            lemma = noun
            triggers.setdefault(noun, Trigger(type_, lemma, "noun"))
            plural = _plural(noun)
            if plural != noun:
                triggers.setdefault(plural, Trigger(type_, lemma, "plural"))
    for type_, (verbs, _) in _TABLE.items():
        for verb in verbs.split():
            for form, kind in _verb_forms(verb).items():
                if verb in _ADJECTIVE_BASE and kind in {"base", "s"}:
                    continue  # "free trade", "frees" is rare: the past and "-ing" only
                # A noun reading listed above wins ("attack", "votes", "meeting"); the
                # extractor reads "are meeting" as a verb from the auxiliary before it.
                if form in triggers:
                    continue
                triggers[form] = Trigger(type_, verb, kind)
    return triggers


TRIGGERS: dict[str, Trigger] = _build()

# Event nouns and verbs whose lemma differs but which name the same kind of happening:
# linking compares these keys ("meet" / "meeting" / "talks" / "summit" -> "meeting").
TYPES: tuple[str, ...] = tuple(_TABLE)

# Light verbs and copulas that give a noun trigger its tense: "held talks", "will hold a
# summit", "the meeting took place".
SUPPORT_VERBS = frozenset(
    """
    hold held holds holding take took taken takes taking place attend attended attends
    attending address addressed host hosted hosts hosting chair chaired start started begin
    began begun end ended conclude concluded open opened close closed reach reached strike
    struck sign signed make made announce announced carry carried launch launched stage
    staged follow followed
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
