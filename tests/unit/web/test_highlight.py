"""Marking spans in article text: nesting, crossing, escaping."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from storyline.web.highlight import Highlight, render


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_entity_inside_a_quote_nests() -> None:
    text = 'She said "Lena Hartmann will come".'
    quote = Highlight(10, 33, "quote", "q-direct", "direct quote")
    name = Highlight(10, 23, "entity", "e-person", "Lena Hartmann", href="/entities/ent_1")
    html = str(render(text, [name, quote]))
    assert '<mark class="hl hl-quote q-direct" title="direct quote">' in html
    assert html.index("hl-quote") < html.index("hl-entity")
    assert '<a href="/entities/ent_1"' in html


def test_text_and_labels_are_escaped() -> None:
    text = "<script>alert(1)</script> & more"
    html = str(render(text, [Highlight(0, 8, "entity", "e-org", '"><b>x</b>', href="/e?a=1&b=2")]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in html
    assert 'href="/e?a=1&amp;b=2"' in html
    assert isinstance(render(text, []), Markup)


def test_out_of_range_and_unknown_spans_are_ignored() -> None:
    assert (
        str(render("abc", [Highlight(2, 9, "entity", "", ""), Highlight(0, 1, "bogus", "", "")]))
        == "abc"
    )


def test_anchor_only_on_the_first_piece() -> None:
    text = "a b c"
    spans = [Highlight(0, 5, "quote", "", "q", anchor="q-1"), Highlight(2, 3, "time", "", "t")]
    assert str(render(text, spans)).count('id="q-1"') == 1


@given(
    st.text(alphabet="ab<>&\"' \n", max_size=40),
    st.lists(
        st.tuples(
            st.integers(0, 40), st.integers(0, 40), st.sampled_from(["quote", "entity", "time"])
        ),
        max_size=6,
    ),
)
def test_the_text_survives_marking(text: str, raw: list[tuple[int, int, str]]) -> None:
    spans = [Highlight(min(a, b), max(a, b), layer, "", "x") for a, b, layer in raw]
    assert unescape(strip_tags(str(render(text, spans)))) == text
