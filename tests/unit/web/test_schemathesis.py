"""Property-based requests from the OpenAPI description: no parameter makes the API fail
with a 5xx. Bounded (25 examples per operation, derandomized) so it runs in seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from storyline.web import create_app  # noqa: E402

EXAMPLES = 25


def test_no_server_errors_on_any_operation(web_db: Path) -> None:
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
            case.call_and_validate(checks=[not_a_server_error])

        check()
