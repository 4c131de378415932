"""A search query in FTS5 syntax as PostgreSQL's ``tsquery`` text (issue 21).

The search box, ``storyline search`` and the API take one syntax on both backends: words
(all required), "phrases", ``AND``, ``OR``, ``NOT`` (binary: ``a NOT b``), parentheses and
``prefix*``. FTS5 rejects what this rejects (an unclosed quote, an operator with nothing on
one side, ``column:word``), so :class:`~storyline.store.search.SearchIndex` reads such a query
as its words on either backend. Every word reaches ``to_tsquery`` quoted, as a lexeme:
nothing typed can inject tsquery operators.
"""

from __future__ import annotations

from storyline.text.tokens import raw_words

_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}


class TsQueryError(ValueError):
    """A query FTS5 would not parse either."""


def _lexemes(text: str, prefix: bool = False) -> str:
    words = raw_words(text, joiners="")
    if not words:
        raise TsQueryError(f"no word in {text!r}")
    quoted = [f"'{w.lower()}'" for w in words]
    if prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def _parts(query: str) -> list[str]:
    """The query's parts: "phrases" (an unclosed one as a lone quote), parentheses, and the
    runs of other characters between spaces."""
    tokens: list[str] = []
    at = 0
    while at < len(query):
        char = query[at]
        if char.isspace():
            at += 1
        elif char in "()":
            tokens.append(char)
            at += 1
        elif char == '"':
            close = query.find('"', at + 1)
            tokens.append(query[at : close + 1] if close > 0 else '"')
            at = close + 1 if close > 0 else at + 1
        else:
            end = at
            while end < len(query) and not query[end].isspace() and query[end] not in '()"':
                end += 1
            tokens.append(query[at:end])
            at = end
    return tokens


def to_tsquery(query: str) -> str:
    """``query`` (FTS5 syntax) as the text ``to_tsquery('english', …)`` reads."""
    out: list[str] = []
    depth = 0
    expect_operand = True
    for token in _parts(query):
        if token == '"':
            raise TsQueryError("unclosed quote")
        if token in _OPERATORS:
            if expect_operand:
                raise TsQueryError(f"{token} with nothing before it")
            out.append(_OPERATORS[token])
            expect_operand = True
            continue
        if token == ")":
            if depth == 0 or expect_operand:
                raise TsQueryError("unbalanced parenthesis")
            depth -= 1
            out.append(")")
            continue
        if not expect_operand:
            out.append("&")  # words side by side are all required
        if token == "(":
            depth += 1
            out.append("(")
            expect_operand = True
            continue
        if token.startswith('"'):
            out.append(_lexemes(token[1:-1]))
        elif ":" in token:
            raise TsQueryError(f"{token!r}: no column filters")
        elif token.endswith("*"):
            out.append(_lexemes(token[:-1], prefix=True))
        else:
            out.append(_lexemes(token))
        expect_operand = False
    if depth or (out and expect_operand):
        raise TsQueryError("the query ends in the middle")
    if not out:
        raise TsQueryError("an empty query")
    return " ".join(out)
