"""A quality gate cannot pass by skipping in CI: missing data fails it there (issue 17)."""

from __future__ import annotations

import pytest

from conftest import missing


def test_missing_data_skips_on_a_developer_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="CoNLL"):
        missing("CoNLL-2003 dev not found")


@pytest.mark.parametrize("value", ["true", "1"])
def test_missing_data_fails_in_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CoNLL-2003 dev not found; CI must have"):
        missing("CoNLL-2003 dev not found")
