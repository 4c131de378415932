"""Addresses from feeds (issue 20): only http and https are fetched, tracking and fragments are
dropped from the stored address, and one article met as its AMP, mobile or tagged variants
has one key, while two articles never share one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.sources.urls import FETCHABLE_SCHEMES, clean_url, fetchable, url_key

# ---- clean_url: the address fetched and stored ----


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        # tracking parameters go, whatever their case; the others stay, in order, blank or not
        (
            "https://example.com/a?utm_source=rss&id=7&utm_MEDIUM=feed&fbclid=x",
            "https://example.com/a?id=7",
        ),
        (
            "https://example.com/a?GCLID=1&CMP=tw&cmp=fb&s_cid=2&page=2",
            "https://example.com/a?page=2",
        ),
        ("https://example.com/a?b=2&a=1&empty=&flag", "https://example.com/a?b=2&a=1&empty=&flag"),
        ("https://example.com/a?utm_source=rss", "https://example.com/a"),
        (
            "https://example.com/a?__twitter_impression=true&_ga=1.2&x=1",
            "https://example.com/a?x=1",
        ),
        ("https://example.com/a?id=1&&utm_term=x&", "https://example.com/a?id=1"),
        ("https://example.com/a?", "https://example.com/a"),
        # the fragment goes
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?id=1#top", "https://example.com/a?id=1"),
        # default ports go, others stay
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com:/a", "https://example.com/a"),
        # scheme and host are lower-cased, the path is not; an empty path is "/"
        ("HTTPS://News.Example.COM/Politics/Story", "https://news.example.com/Politics/Story"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com?id=1", "https://example.com/?id=1"),
        ("  https://example.com/a \n", "https://example.com/a"),
        # percent-encoding stays as written; a non-ASCII host is IDNA-encoded
        (
            "https://example.com/caf%C3%A9?q=a%20b&x=%2F",
            "https://example.com/caf%C3%A9?q=a%20b&x=%2F",
        ),
        ("https://Bücher.de/neu", "https://xn--bcher-kva.de/neu"),
        ("http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"),
        # not folded here: www, AMP and http stay, since the clean address is fetched
        ("http://www.example.com/a/amp/", "http://www.example.com/a/amp/"),
    ],
)
def test_clean_url(url: str, clean: str) -> None:
    assert clean_url(url) == clean
    assert clean_url(clean) == clean


def test_clean_url_keeps_the_order_url_key_sorts() -> None:
    url = "https://example.com/search?z=1&a=2&m=3"
    assert clean_url(url) == "https://example.com/search?z=1&a=2&m=3"
    assert url_key(url) == "https://example.com/search?a=2&m=3&z=1"
    # a repeated name keeps its values' order in the key too
    assert (
        url_key("https://example.com/s?tag=b&a=1&tag=a") == "https://example.com/s?a=1&tag=b&tag=a"
    )


# ---- url_key: one article, one key ----


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        # tracking, fragment, port, case, scheme
        ("http://Example.com:80/a?utm_campaign=x#c", "https://example.com/a"),
        ("https://example.com:443/a/", "https://example.com/a"),
        ("http://example.com:443/a", "https://example.com/a"),
        # mobile and www editions
        ("https://www.example.com/a", "https://example.com/a"),
        ("https://m.example.com/a", "https://example.com/a"),
        ("https://mobile.example.co.uk/a", "https://example.co.uk/a"),
        ("https://amp.www.example.com/a", "https://example.com/a"),
        # AMP paths and parameters
        ("https://example.com/story/x/amp", "https://example.com/story/x"),
        ("https://example.com/story/x/amp/", "https://example.com/story/x"),
        ("https://example.com/story/x.amp.html", "https://example.com/story/x.html"),
        ("https://example.com/story/x.amp", "https://example.com/story/x"),
        ("https://example.com/amp/story/x", "https://example.com/story/x"),
        ("https://example.com/story/x?amp", "https://example.com/story/x"),
        ("https://example.com/story/x?amp=1&id=4", "https://example.com/story/x?id=4"),
        ("https://example.com/x?outputType=amp&id=4", "https://example.com/x?id=4"),
        ("https://example.com/x?output=AMP&amp_js_v=0.1&usqp=mq331AQ", "https://example.com/x"),
        # the Google AMP cache and viewer serve the publisher's page under their own address
        (
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a",
            "https://www.example.com/a",
        ),
        ("https://example-com.cdn.ampproject.org/c/example.com/a/amp/", "http://example.com/a"),
        (
            "https://example-com.cdn.ampproject.org/v/s/example.com/a?amp_js_v=0.1",
            "https://example.com/a",
        ),
        ("https://www.google.com/amp/s/m.example.com/a.amp.html", "https://example.com/a.html"),
        # the root stays the root
        ("https://www.example.com", "https://example.com/"),
        ("https://example.com/amp/", "https://example.com/"),
    ],
)
def test_variants_of_one_article_share_a_key(variant: str, canonical: str) -> None:
    assert url_key(variant) == url_key(canonical)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/story/1", "https://example.com/story/2"),
        ("https://example.com/article?id=1", "https://example.com/article?id=2"),
        ("https://example.com/article?id=1", "https://example.com/article"),
        ("https://example.com/a", "https://example.org/a"),
        ("https://example.com/a", "https://example.com:8080/a"),
        ("https://example.com/News", "https://example.com/news"),
        ("https://news.example.com/a", "https://sport.example.com/a"),
        ("https://example.com/camp", "https://example.com/c"),  # "amp" inside a word stays
        ("https://example.com/a?output=html", "https://example.com/a"),  # only output=amp goes
        ("https://www.example/a", "https://example/a"),  # "www." kept when no dot would remain
        ("https://m.co/a", "https://co/a"),
        ("https://example-com.cdn.ampproject.org/c/s/example.com/a", "https://example.com/b"),
    ],
)
def test_two_articles_never_share_a_key(one: str, other: str) -> None:
    assert url_key(one) != url_key(other)


def test_the_key_is_an_address_not_the_one_to_fetch() -> None:
    url = "http://www.example.com/a/amp/?utm_source=x&b=1&a=2"
    assert clean_url(url) == "http://www.example.com/a/amp/?b=1&a=2"
    assert url_key(url) == "https://example.com/a?a=2&b=1"


# ---- what is never fetched ----


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,x",
        "ftp://x",
        "mailto:desk@example.com",
        "/relative",
        "relative/path",
        "//example.com/protocol-relative",
        "",
        "   ",
        "http:example.com",
        "https://",
        "https://:443/a",
        "https://user@/a",
        "https://exa mple.com/a",
        "https://exa\tmple.com/a",
        "https://example.com\n/a",
        "https://exa\u200bmple.com/a",
        "https://example.com\\@good.example/",
        "https://example.com:99999/a",
        "https://example.com:http/a",
        "https://[::1/a",
    ],
)
def test_what_is_not_an_http_address_is_refused(url: str) -> None:
    assert not fetchable(url)
    with pytest.raises(ValueError, match="not a fetchable web address"):
        clean_url(url)
    with pytest.raises(ValueError, match="not a fetchable web address"):
        url_key(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "HTTPS://EXAMPLE.COM/A",
        " https://example.com/a ",
        "https://user:secret@example.com/a",
        "http://127.0.0.1:8000/feed.xml",
        "http://[::1]/a",
        "https://bücher.de/",
    ],
)
def test_web_addresses_are_fetchable(url: str) -> None:
    assert fetchable(url)
    assert clean_url(url).split("://")[0] in FETCHABLE_SCHEMES


def test_the_refusal_says_why() -> None:
    with pytest.raises(ValueError, match=r"only http and https.*'file:///etc/passwd'"):
        clean_url("file:///etc/passwd")
    with pytest.raises(ValueError, match="names no host"):
        clean_url("https:///a")


# ---- properties ----

_LABELS = st.sampled_from(["example", "news", "www", "m", "amp", "mobile", "bücher", "co", "s"])
_HOSTS = st.lists(_LABELS, min_size=1, max_size=4).map(".".join) | st.sampled_from(
    ["www-example-com.cdn.ampproject.org", "www.google.com", "google.com", "[::1]", "127.0.0.1"]
)
_SEGMENTS = st.sampled_from(
    ["", "amp", "a", "x.amp", "x.amp.html", "c", "s", "v", "example.com", "www.example.com",
     "caf%C3%A9", "A", ".amp", "news.example.org"]
)  # fmt: skip
_NAMES = st.sampled_from(
    ["id", "ID", "a", "amp", "utm_source", "fbclid", "outputType", "output", "usqp", "page", "q"]
)
_VALUES = st.sampled_from(["", "1", "2", "amp", "AMP", "a%20b"])
_PIECES = st.tuples(_NAMES, st.sampled_from(["=", ""]), _VALUES).map("".join)


@st.composite
def _urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host = draw(_HOSTS)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":"]))
    path = "/".join(draw(st.lists(_SEGMENTS, max_size=5)))
    path = "/" + path if draw(st.booleans()) or path else ""
    query = "&".join(draw(st.lists(_PIECES, max_size=4)))
    query = "?" + query if query or draw(st.booleans()) else ""
    fragment = draw(st.sampled_from(["", "#", "#top"]))
    return f"{scheme}://{host}{port}{path}{query}{fragment}"


@settings(max_examples=400, deadline=None)
@given(_urls())
def test_clean_and_key_are_idempotent_on_feed_like_addresses(url: str) -> None:
    clean, key = clean_url(url), url_key(url)
    assert clean_url(clean) == clean
    assert url_key(key) == key
    assert url_key(clean) == key
    assert fetchable(clean) and fetchable(key)
    assert "#" not in clean and "utm_" not in clean


@settings(max_examples=300, deadline=None)
@given(_urls(), st.integers(0, 999), st.integers(0, 999))
def test_a_different_id_is_a_different_article(url: str, one: int, other: int) -> None:
    base = clean_url(url)
    join = "&" if "?" in base else "?"
    keys = url_key(f"{base}{join}id={one}"), url_key(f"{base}{join}id={other}")
    assert (keys[0] == keys[1]) == (one == other)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60) | st.builds("https://{}".format, st.text(max_size=40)))
def test_any_text_is_either_refused_or_cleaned_to_a_fixed_point(text: str) -> None:
    if not fetchable(text):
        with pytest.raises(ValueError):
            clean_url(text)
        return
    clean, key = clean_url(text), url_key(text)
    assert clean_url(clean) == clean and url_key(key) == key and url_key(clean) == key
