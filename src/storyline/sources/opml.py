"""OPML, the file feed readers exchange their subscriptions in: read (``sources add --opml``)
and written (``sources export --opml``). Parsed with lxml, entities and network off."""

from __future__ import annotations

import re
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
    feeds: list[tuple[str, str | None]] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            label = " ".join((outline.get("title") or outline.get("text") or "").split())
            # A label that is the address itself (what write_opml gives a feed without a
            # title, OPML requiring a text) is no title.
            feeds.append((url, label if label and label != url else None))
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
        label = quoteattr(_xml_chars(name or url))
        titled = f" title={label}" if name else ""
        lines.append(
            f'    <outline type="rss" text={label}{titled} xmlUrl={quoteattr(_xml_chars(url))}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return _xml_chars(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_chars(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (C0 controls other than tab and
    newlines, lone surrogates, U+FFFE/U+FFFF): one in a feed's title would make the whole
    file unreadable."""
    return _NOT_XML.sub("", value)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
