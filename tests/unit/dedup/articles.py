"""Hand-written articles about one invented event, and the ways outlets copy them.

Each variant is built for one verdict of the dedup stage: an exact reprint (typography only),
a near reprint (last paragraph trimmed, a line added, a word edited), a trimmed copy (the
first half only), a rewrite (same facts, names, numbers and quote, other words, sentences
reordered and one split), an independent report of the same event (same names, place and
day, other facts and quotes) and an unrelated article.
"""

from __future__ import annotations

ORIGINAL_PARAGRAPHS = (
    "Westerly Ferries suspended its crossing between Port Ellan and the island of Carrow on "
    "Thursday after a fire broke out in the engine room of the MV Solstice with 212 "
    "passengers on board.",
    "Nobody was hurt. The crew put out the fire within eleven minutes and the vessel "
    "returned to Port Ellan under its own power, escorted by two lifeboats from the Ardmore "
    "station.",
    "Harbour master Ines Calloway praised the crew. “We were lucky that the engineers acted "
    "within minutes, before the smoke reached the passenger deck,” she said.",
    "The company said the Solstice would stay in dry dock for at least three weeks while "
    "inspectors from the Maritime Safety Board examined the damage. Repairs are expected to "
    "cost about €4.8 million.",
    "Islanders who depend on the crossing for work and school will be offered seats on a "
    "chartered catamaran, the Carrow Wave, which can carry 90 passengers and will sail twice "
    "a day from Monday.",
    "Chief executive Rowan Achterberg apologised to customers and said that tickets bought "
    "for the suspended sailings would be refunded in full.",
    "The Solstice, built in 2004, passed its last full safety inspection in March, according "
    "to records published by the board.",
)
ORIGINAL = "\n\n".join(ORIGINAL_PARAGRAPHS)

# Another outlet's typesetting of the same text: straight quotes, other case and spacing.
EXACT_REPRINT = (
    ORIGINAL.replace("“", '"')
    .replace("”", '"')
    .replace("Thursday", "THURSDAY")
    .replace(" the island", "  the island")
)

# A reprint that drops the last paragraph, edits a word and adds a promotional line.
NEAR_REPRINT = (
    "\n\n".join(ORIGINAL_PARAGRAPHS[:-1]).replace("within eleven minutes", "in eleven minutes")
    + "\n\nFor more news from the islands, follow our coastal desk."
)

# The first three paragraphs only: shingle Jaccard below the near threshold, but every
# shingle of it is in the original.
TRIMMED_COPY = "\n\n".join(ORIGINAL_PARAGRAPHS[:3])

REWRITE = "\n\n".join(
    (
        "A fire in the engine room of the MV Solstice forced Westerly Ferries on Thursday to "
        "halt its service linking Port Ellan with Carrow island while 212 passengers were "
        "aboard.",
        "Ines Calloway, the harbour master, had warm words for the sailors. “We were lucky "
        "that the engineers acted within minutes, before the smoke reached the passenger "
        "deck,” she told reporters.",
        "No injuries were reported. Within eleven minutes the crew had the fire under "
        "control. The ship then sailed back to Port Ellan on its own engines, with two "
        "lifeboats from Ardmore station alongside.",
        "Inspectors of the Maritime Safety Board will examine the damage while the Solstice "
        "spends three weeks or more in dry dock, the operator said. The repair bill is "
        "estimated at about €4.8 million.",
        "From Monday, a chartered catamaran named Carrow Wave, with room for 90 passengers, "
        "will make two trips a day for islanders travelling to work and school.",
        "Rowan Achterberg, the chief executive, said sorry to travellers and promised full "
        "refunds for tickets on the cancelled sailings.",
    )
)

INDEPENDENT_REPORT = "\n\n".join(
    (
        "Passengers on the MV Solstice described a frightening morning on Thursday when "
        "alarms sounded halfway through the crossing from Port Ellan to Carrow.",
        "Schoolteacher Mairead Toomey, who was travelling with her two sons, said the crew "
        "handed out life jackets and gathered everyone on the upper deck. “Nobody panicked, "
        "but the children were scared and the smell of burning was everywhere,” she said.",
        "Several passengers complained that announcements were hard to hear over the wind "
        "and that they waited almost an hour for information about what had happened.",
        "Westerly Ferries chief executive Rowan Achterberg said the company would review how "
        "it communicates during emergencies. “Our first duty was safety, but we owe our "
        "passengers clearer explanations,” he said.",
        "Island councillor Dermot Fahy said the incident showed that Carrow needed a second "
        "regular vessel and called on the regional government to fund one.",
    )
)

UNRELATED = "\n\n".join(
    (
        "The new public library in Lindhaven opened its doors on Saturday after four years "
        "of construction, with a reading garden on the roof and a workshop where residents "
        "can borrow sewing machines and 3D printers.",
        "Architect Sofia Brenner said the building was designed to stay cool in summer "
        "without air conditioning, using shaded courtyards and thick clay walls.",
        "More than 3,000 visitors came on the first day. Children queued for the storytelling "
        "room, and the cafe ran out of cinnamon buns before noon.",
        "The library will open seven days a week, and membership is free for everyone who "
        "lives or studies in the district.",
    )
)

# A copy of the near reprint, with one more sentence edited: closer to it than to the original.
COPY_OF_NEAR_REPRINT = NEAR_REPRINT.replace(
    "Chief executive Rowan Achterberg apologised",
    "Rowan Achterberg, the chief executive, apologised",
)
