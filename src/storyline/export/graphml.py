"""Who appears with whom, as a GraphML file Gephi, networkx or Cytoscape open.

Nodes are the entities named in current canonical articles (``label``: the name; ``type``;
``roles``: the roles seen, ``;``-joined; ``mentions``, ``articles`` and ``stories``: how
often). An undirected edge joins two entities named in the same story, with ``weight`` the
number of stories that name both (Gephi reads it as the edge weight) and ``articles`` the
number of articles that name both. Namings only, metonyms and copies left out: the counting
of the entity page's "appears with" (``store.entities.co_occurring``).
"""

from __future__ import annotations

import re
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from storyline.entities.report import role_label
from storyline.export.csv_cells import join_list
from storyline.store import Store

# Characters XML 1.0 cannot hold at all (a control character in a scraped name).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_KEYS = (
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("roles", "node", "string"),
    ("mentions", "node", "int"),
    ("articles", "node", "int"),
    ("stories", "node", "int"),
    ("weight", "edge", "double"),
    ("articles", "edge", "int"),
)


def _text(value: object) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def write_graphml(store: Store, out: IO[str]) -> dict[str, int]:
    """Write the co-occurrence graph; return how many nodes and edges."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    ids = {}
    for name, domain, kind in _KEYS:
        key = f"{domain[0]}_{name}"
        ids[(name, domain)] = key
        out.write(f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="co-occurrence" edgedefault="undirected">\n')
    nodes = edges = 0
    for node in store.exports.graph_nodes():
        roles = join_list(dict.fromkeys(role_label(r) for r in node.roles))
        values = {
            "label": node.name,
            "type": node.type,
            "roles": roles,
            "mentions": node.mentions,
            "articles": node.articles,
            "stories": node.stories,
        }
        out.write(f"    <node id={quoteattr(node.id)}>")
        out.write(
            "".join(f'<data key="{ids[(k, "node")]}">{_text(v)}</data>' for k, v in values.items())
        )
        out.write("</node>\n")
        nodes += 1
    for edge in store.exports.graph_edges():
        out.write(
            f"    <edge source={quoteattr(edge.a)} target={quoteattr(edge.b)}>"
            f'<data key="{ids[("weight", "edge")]}">{edge.stories}</data>'
            f'<data key="{ids[("articles", "edge")]}">{edge.articles}</data></edge>\n'
        )
        edges += 1
    out.write("  </graph>\n</graphml>\n")
    return {"nodes": nodes, "edges": edges}
