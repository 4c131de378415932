"""``storyline serve``: a clear error without a store, loopback by default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main


def test_serve_without_a_store_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "storyline run" in result.output


def test_serve_binds_to_loopback_unless_told(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: calls.append(kwargs))
    runner = CliRunner()
    assert runner.invoke(main, ["serve", "--db", str(web_db)]).exit_code == 0
    assert calls[-1]["host"] == "127.0.0.1"
    # Beyond loopback, a token or an explicit --no-auth (issue 19).
    refused = runner.invoke(main, ["serve", "--db", str(web_db), "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--token or STORYLINE_TOKEN" in refused.output
    result = runner.invoke(main, ["serve", "--db", str(web_db), "--host", "0.0.0.0", "--no-auth"])
    assert calls[-1]["host"] == "0.0.0.0"
    assert "anyone who can reach this address" in result.output
    tokened = runner.invoke(
        main,
        ["serve", "--db", str(web_db), "--host", "0.0.0.0"],
        env={"STORYLINE_TOKEN": "s3cret"},
    )
    assert tokened.exit_code == 0 and "anyone" not in tokened.output
