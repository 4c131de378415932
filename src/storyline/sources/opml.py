"""OPML, the file feed readers exchange their subscriptions in: read (``sources add --opml``)
and written (``sources export --opml``). Parsed with lxml, entities and network off."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from storyline.errors import InputError


def read_opml(path: Path) -> list[tuple[str, str | None]]:
    """``(feed address, title)`` of every outline with an ``xmlUrl``, in document order."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as err:
        raise InputError(str(path), f"cannot be read ({err})", hint="check the path") from None
    except etree.XMLSyntaxError as err:
        raise InputError(
            str(path), f"is not OPML: not well-formed XML ({err})", hint="export it again"
        ) from None
    if etree.QName(root).localname.lower() != "opml":
        raise InputError(
            str(path),
            f"is not OPML (its root element is <{etree.QName(root).localname}>)",
            hint="give the .opml file your feed reader exported",
        )
    feeds = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url.strip():
            feeds.append((url.strip(), outline.get("title") or outline.get("text")))
    return feeds


def write_opml(feeds: list[tuple[str, str | None]], title: str = "Storyline sources") -> str:
    """An OPML 2.0 document with one outline per feed."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_text(title)}</title></head>",
        "  <body>",
    ]
    for url, name in feeds:
        label = quoteattr(name or url)
        lines.append(
            f'    <outline type="rss" text={label} title={label} xmlUrl={quoteattr(url)}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
