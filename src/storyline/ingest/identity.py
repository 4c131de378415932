"""Document ids are content hashes: the same article read twice gets the same id.

The hash covers the article text (line endings normalised) and the metadata that makes it a
distinct publication (title, outlet, url, date, caller's id). The same file copied to two
places is one document; a wire story published by two outlets is two documents (the dedup
stage then links them as copies). The source path is not hashed.
"""

from __future__ import annotations

import hashlib
import json

from storyline.model import Document, RawArticle

ID_LENGTH = 16


def document_id(article: RawArticle) -> str:
    payload = json.dumps(
        [
            article.format if article.format != "jsonl" else "txt",
            article.raw_title or "",
            article.raw_text.strip(),
            article.outlet or "",
            article.url or "",
            article.published.isoformat() if article.published else "",
            article.external_id or "",
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:ID_LENGTH]


def to_document(article: RawArticle) -> Document:
    return Document(
        id=document_id(article),
        source=article.source,
        source_key=article.source_key,
        format=article.format,
        raw_text=article.raw_text,
        raw_title=article.raw_title,
        external_id=article.external_id,
        url=article.url,
        outlet=article.outlet,
        authors=article.authors,
        published=article.published,
        published_from=article.published_from,
        published_at=article.published_at,
        encoding=article.encoding,
        warnings=article.warnings,
    )
