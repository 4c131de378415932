"""Web addresses from feeds and pages: which may be fetched, the form stored, and the identity.

A feed is input, and so is every link in it. Three questions get asked of each link:

- ``fetchable``: may it be fetched at all? Only an absolute ``http``/``https`` address with a
  host. A feed that names ``file:///etc/passwd``, ``javascript:`` or ``data:`` gets nothing
  read. This is about the form of the address only: whether its host may be reached
  (loopback, a private network) is the fetcher's decision.
- ``clean_url``: the address to fetch and to store as the article's. Feeds decorate links
  with campaign parameters (``utm_source``, ``fbclid``, ...) and fragments; kept, they would
  store one article under many addresses and carry the feed's tracking into our requests.
  Only what cannot change the page is dropped, so the result is still the publisher's
  address and still fetches the same page.
- ``url_key``: the identity under which one article listed by two feeds (or as its AMP and
  mobile variants) is fetched once. It folds further than is safe to fetch (``www.`` and
  ``m.`` hosts, AMP paths, the Google AMP cache, ``http`` to ``https``, parameter order), so
  it is only ever compared, never fetched.

Standard library only: ``urllib.parse`` splits, and the pieces are put back together here so
that percent-encoding stays exactly as the publisher wrote it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import SplitResult, unquote, urlsplit

FETCHABLE_SCHEMES = ("http", "https")

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that say how a reader arrived (campaigns, click ids, share buttons), never
# which page to serve. Written and compared lower-case (``CMP`` is ``cmp``); any name
# starting ``utm_`` is one as well.
# fmt: off
_TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
    "yclid", "_ga", "_gl", "ocid", "cmpid", "smid", "sr_share", "ns_mchannel", "ns_source",
    "ns_campaign", "ns_linkname", "ns_fee", "at_medium", "at_campaign", "at_custom1",
    "at_custom2", "at_custom3", "at_custom4", "ito", "taid", "cmp", "s_cid", "spm", "share",
    "ref_src", "ref_url", "guccounter", "guce_referrer", "guce_referrer_sig",
    "__twitter_impression",
})
# fmt: on
_TRACKING_PREFIX = "utm_"

# Characters no host contains; a backslash in particular is a slash to a browser, so
# ``https://evil.example\@good.example`` would mean two different hosts to two readers.
_NOT_IN_HOST = frozenset('\\<>"^|{}`')
_DELIMITERS = frozenset("/?#@:[]")  # end or divide an address's host

# Only for url_key: the host labels of mobile and AMP editions, and the AMP query parameters.
_EDITION_LABELS = ("www.", "m.", "mobile.", "amp.")
_AMP_PARAMETERS = frozenset({"amp", "amp_js_v", "usqp"})
_AMP_VALUED_PARAMETERS = frozenset({"outputtype", "output"})  # only with the value "amp"

# AMP caches that serve a publisher's page under their own host, the publisher's address
# following a prefix in the path (``s/`` for https): Google's AMP cache and its viewer.
_AMP_CACHE_DOMAIN = "cdn.ampproject.org"
_AMP_CACHE_PREFIXES = ("/c/s/", "/c/", "/v/s/", "/v/")
_AMP_VIEWER_HOSTS = frozenset({"google.com", "www.google.com"})
_AMP_VIEWER_PREFIXES = ("/amp/s/", "/amp/")


@dataclass(frozen=True, slots=True)
class _Address:
    """A clean address in pieces; ``text`` puts them back together."""

    scheme: str
    userinfo: str | None
    host: str  # lower-case, IDNA-encoded where it can be, an IPv6 address in brackets
    port: int | None  # None for the scheme's default port
    path: str  # never empty
    query: tuple[str, ...]  # the raw ``name=value`` pieces, percent-encoding as given

    @property
    def text(self) -> str:
        netloc = self.host if self.port is None else f"{self.host}:{self.port}"
        if self.userinfo is not None:
            netloc = f"{self.userinfo}@{netloc}"
        query = "?" + "&".join(self.query) if self.query else ""
        return f"{self.scheme}://{netloc}{self.path}{query}"


def fetchable(url: str) -> bool:
    """Whether ``url`` is an absolute http or https address with a well-formed host.

    Surrounding whitespace is allowed, as in ``clean_url``: this is True exactly when
    ``clean_url(url)`` succeeds, and ``clean_url(url)`` is what should be fetched.
    """
    try:
        _address(url)
    except ValueError:
        return False
    return True


def clean_url(url: str) -> str:
    """The address to fetch and to store: ``url`` without what cannot change the page.

    Surrounding whitespace, the fragment, a default port and tracking parameters are dropped;
    scheme and host are lower-cased, a non-ASCII host is IDNA-encoded, and an empty path
    becomes ``/``. The other parameters stay in their order, blank values included, and
    percent-encoding stays as given. Raises ``ValueError`` if ``url`` is not ``fetchable``.
    """
    return _address(url).text


def url_key(url: str) -> str:
    """The identity of the article at ``url``: equal keys mean one article, fetched once.

    Folds, beyond ``clean_url``: an address in the Google AMP cache or viewer to the
    publisher's address; a leading ``www.``, ``m.``, ``mobile.`` or ``amp.`` host label
    (when what remains still has a dot); AMP paths (``/amp/`` first or ``/amp`` last,
    ``.amp.html``, a ``.amp`` suffix) and AMP parameters (``amp``, ``outputType=amp``,
    ``output=amp``, ``amp_js_v``, ``usqp``); ``http`` to ``https``; a trailing slash; and the
    order of the remaining parameters (sorted by name, repeated names kept in their order).

    The key is never fetched, only compared: a site's ``www.`` and bare hosts, or its http
    and https, need not serve the same thing, and an AMP address with its marker removed
    need not exist. Fetch and store ``clean_url(url)``. Raises ``ValueError`` if ``url`` is
    not ``fetchable``. ``url_key(url_key(url)) == url_key(url)``.
    """
    key = _address(url)
    # This ends: a round that unwraps an AMP cache address shortens the path, and any other
    # round shortens or leaves each piece (it makes http https and sorts, both only once).
    # It ends on an address one more round leaves alone, which makes the key its own key.
    while (folded := _fold(key)) != key:
        key = folded
    return key.text


# Parsing and cleaning.


def _address(url: str) -> _Address:
    text = url.strip()
    if any(unicodedata.category(c) == "Cc" for c in text):
        # urlsplit silently removes tabs and newlines, so they must be refused before it.
        raise _refused(url, "it contains control characters")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError as error:
        raise _refused(url, str(error)) from None
    if parts.scheme not in FETCHABLE_SCHEMES:
        raise _refused(url, f"only {' and '.join(FETCHABLE_SCHEMES)} addresses are fetched")
    if not parts.hostname:
        raise _refused(url, "it names no host")
    host = _host(parts)
    if any(_not_in_host(c) for c in parts.netloc) or (
        not host.startswith("[") and any(c in _DELIMITERS or _not_in_host(c) for c in host)
    ):
        # The second test is for the IDNA-encoded host: it maps "¨" to a space and a combining
        # mark, for one.
        raise _refused(url, "its host contains a character no host has")
    userinfo, at, _ = parts.netloc.rpartition("@")
    return _Address(
        scheme=parts.scheme,
        userinfo=userinfo if at and userinfo else None,
        host=host,
        port=None if port is None or port == _DEFAULT_PORTS[parts.scheme] else port,
        path=parts.path or "/",
        query=tuple(p for p in parts.query.split("&") if p and not _is_tracking(p)),
    )


def _refused(url: str, why: str) -> ValueError:
    shown = url if len(url) <= 200 else url[:200] + "..."
    return ValueError(f"not a fetchable web address ({why}): {shown!r}")


def _not_in_host(char: str) -> bool:
    return char.isspace() or char in _NOT_IN_HOST or unicodedata.category(char) == "Cf"


def _host(parts: SplitResult) -> str:
    host = parts.hostname or ""  # urlsplit lower-cases it and removes IPv6 brackets
    if ":" in host:
        return f"[{host}]"
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host  # a label the IDNA codec refuses: kept as written


def _name(piece: str) -> str:
    return unquote(piece.partition("=")[0]).lower()


def _is_tracking(piece: str) -> bool:
    name = _name(piece)
    return name.startswith(_TRACKING_PREFIX) or name in _TRACKING_PARAMETERS


# Folding, for url_key only.


def _fold(address: _Address) -> _Address:
    published = _amp_cache_original(address)
    if published is not None:
        return published
    return replace(
        address,
        scheme="https",
        host=_fold_host(address.host),
        port=None if address.port == _DEFAULT_PORTS["https"] else address.port,
        path=_fold_path(address.path),
        query=_fold_query(address.query),
    )


def _amp_cache_original(address: _Address) -> _Address | None:
    """The publisher's address behind an AMP cache or viewer address, if this is one."""
    prefixes: tuple[str, ...]
    if address.host == _AMP_CACHE_DOMAIN or address.host.endswith("." + _AMP_CACHE_DOMAIN):
        prefixes = _AMP_CACHE_PREFIXES
    elif address.host in _AMP_VIEWER_HOSTS:
        prefixes = _AMP_VIEWER_PREFIXES
    else:
        return None
    prefix = next((p for p in prefixes if address.path.startswith(p)), None)
    if prefix is None:
        return None
    rest = address.path[len(prefix) :]
    query = "?" + "&".join(address.query) if address.query else ""
    try:
        original = _address(f"https://{rest}{query}")
    except ValueError:
        return None
    return original if "." in original.host else None


def _fold_host(host: str) -> str:
    for label in _EDITION_LABELS:
        rest = host.removeprefix(label)
        if rest != host and "." in rest:
            return _fold_host(rest)
    return host


def _fold_path(path: str) -> str:
    if path.startswith("/amp/"):
        path = path[len("/amp") :]
    path = path.rstrip("/") or "/"
    if path.endswith("/amp"):
        path = path[: -len("/amp")] or "/"
    elif path.endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    elif path.endswith(".amp"):
        path = path[: -len(".amp")] or "/"
    return path


def _fold_query(query: tuple[str, ...]) -> tuple[str, ...]:
    kept = (piece for piece in query if not _is_amp(piece))
    return tuple(sorted(kept, key=lambda piece: piece.partition("=")[0]))


def _is_amp(piece: str) -> bool:
    name = _name(piece)
    value = unquote(piece.partition("=")[2]).lower()
    return name in _AMP_PARAMETERS or (name in _AMP_VALUED_PARAMETERS and value == "amp")
