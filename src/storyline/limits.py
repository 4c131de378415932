"""Limits that keep one article's cost bounded (issue 19).

The fact stages (entities, quotes, events and their links) find facts in the first
``MAX_FACT_CHARS`` characters of an article's clean text. Measured on this machine, on
unique wire text joined into one article (one worker): 100 KB took 4.6 s and 140 MB, 1 MB
took 32 s and 629 MB (quotes 5.6 s and event links 4.2 s, growing with the square of the
size), and a campaign's 4.9 MB article took 449 s and 10.3 GB. The longest real news
articles are a few tens of thousands of characters; the limit is ten times that, and an
article beyond it is stored whole, searchable whole, with a warning that says where facts
stopped.
"""

from __future__ import annotations

MAX_FACT_CHARS = 250_000

# Seconds one fact stage may spend on one document. Past it the document is a counted
# `too-slow` problem (tried again by the next run) and the run goes on: a stalled document
# must not stall a monitor. With the text limit above no real article comes near it (5 MB:
# entities 3.1 s); it guards against what was not measured.
DOCUMENT_SECONDS = 120.0
