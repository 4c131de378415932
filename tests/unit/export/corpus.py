"""A small corpus written for these tests (invented people and places): two stories, a copy
of one article in another outlet, names with titles, quotes, dates."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = {
    "courier/pilots.txt": (
        {"published": "2025-04-07", "outlet": "Coastal Courier"},
        "Harbour pilots strike in Veldhaven\n\nBy Mara Quist\n\n"
        "Harbour pilots in Veldhaven walked off the job on Monday, leaving a dozen ships "
        'waiting outside the breakwater. "We will not guide another ship until the port '
        'authority listens," said union leader Tomas Brede. Port Director Ilse Varga said '
        "talks with the Veldhaven Pilots Union would resume on Thursday.\n",
    ),
    "gazette/pilots.txt": (
        {"published": "2025-04-07", "outlet": "Veldhaven Gazette"},
        "Harbour pilots strike in Veldhaven\n\n"
        "Harbour pilots in Veldhaven walked off the job on Monday, leaving a dozen ships "
        'waiting outside the breakwater. "We will not guide another ship until the port '
        'authority listens," said union leader Tomas Brede. Port Director Ilse Varga said '
        "talks with the Veldhaven Pilots Union would resume on Thursday.\n",
    ),
    "courier/talks.txt": (
        {"published": "2025-04-10", "outlet": "Coastal Courier"},
        "Veldhaven pilots and port agree to fresh talks\n\n"
        "The Veldhaven Pilots Union and the port authority agreed on Thursday to hold fresh "
        "talks next week, ending a four-day strike by harbour pilots in Veldhaven. Tomas "
        "Brede, who leads the union, said the pilots would return to work on Friday. "
        '"Ships will move again tomorrow," Port Director Ilse Varga told reporters.\n',
    ),
    "courier/frost.txt": (
        {"published": "2025-04-09", "outlet": "Coastal Courier"},
        "Lenmark orchard growers count frost damage\n\n"
        "Apple growers in Lenmark lost a third of their blossom to a hard frost on Tuesday "
        "night, the Lenmark Growers Association said. Agriculture Minister Petra Holm said "
        'the government would meet growers in Ostby on April 15. "The damage is worse than '
        'in any spring since 2017," said Jonas Aalt, who farms near Ostby.\n',
    ),
}


def write_corpus(root: Path) -> Path:
    for name, (meta, text) in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return root
