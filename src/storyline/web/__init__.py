"""``storyline serve``: a local, read-only web app over a store (pages and a JSON API).

Needs the ``web`` dependencies (FastAPI, uvicorn, Jinja2); see ``docs/web.md``.
"""

from __future__ import annotations

from storyline.web.app import create_app

__all__ = ["create_app"]
