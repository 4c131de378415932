"""Property-based requests from the OpenAPI description, with schemathesis's whole set of
checks (no 5xx, status codes documented, schema-valid requests accepted, responses as
described, ...), not only "no 5xx" (issue 19). Bounded (25 examples per operation,
derandomized) so it runs in seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from storyline.web import create_app  # noqa: E402

EXAMPLES = 25
# Rejections the schema cannot express, each with a message that says what to change: an
# FTS5 query that does not parse, and a date range whose start is after its end.
_SEMANTIC = ("bad search query", "is after 'to'")


def test_every_check_passes_on_every_operation(web_db: Path) -> None:
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db, allowed_hosts=None))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call()
            message = ""
            if response.status_code in (400, 422):
                message = response.json()["error"]["message"]
            semantic = any(part in message for part in _SEMANTIC)
            case.validate_response(
                response, excluded_checks=[positive_data_acceptance] if semantic else None
            )

        check()
