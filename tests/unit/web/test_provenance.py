"""Every fact records the rule or model that produced it, and the store, `storyline show
--explain`, the article page, the JSON API and the export all show it (issue 17, item 5)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from markupsafe import escape

from storyline.cli import main
from storyline.export import write_json
from storyline.rules import catalogue, parse
from storyline.store import Store

FACT_TABLES = ("entity_mentions", "quotes", "time_expressions", "event_mentions")


def _document_with_quotes(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT document_id FROM quotes WHERE document_id IN "
            "(SELECT document_id FROM entity_mentions) ORDER BY document_id LIMIT 1"
        ).fetchone()
    return str(row[0])


def test_every_stored_fact_names_its_rule(web_db: Path) -> None:
    with sqlite3.connect(web_db) as conn:
        for table in FACT_TABLES:
            total, unnamed = conn.execute(
                f"SELECT count(*), sum(rule = '') FROM {table}"
            ).fetchone()
            assert total > 0, table
            assert unnamed == 0, f"{unnamed} of {total} {table} rows name no rule"


def test_show_explain_lists_facts_with_stage_and_rule(web_db: Path) -> None:
    doc = _document_with_quotes(web_db)
    result = CliRunner().invoke(main, ["show", doc, "--explain", "--json", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert {f["fact"] for f in facts} >= {"entity", "quote"}
    assert all(f["rule"] and "@" in f["stage"] for f in facts)
    quote = next(f for f in facts if f["fact"] == "quote")
    assert quote["stage"].startswith("quotes@")
    # Beside each rule, what it looks for: one entry per part of the rule string.
    assert all(f["rules"] and all(r["says"] for r in f["rules"]) for f in facts)
    assert quote["rules"][0]["name"] == quote["rule"].split("+")[0]
    assert quote["says"].startswith(quote["rules"][0]["says"])
    table = CliRunner().invoke(main, ["show", doc, "--explain", "--db", str(web_db)]).stdout
    legend = table.split("What each rule looks for", 1)[1]
    assert f"{quote['rules'][0]['name']} " in legend
    assert quote["rules"][0]["says"] in legend


def test_article_page_and_api_show_provenance(web_db: Path, client: TestClient) -> None:
    doc = _document_with_quotes(web_db)
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200
    assert "How each fact was found" in page.text
    api = client.get(f"/api/documents/{doc}").json()["data"]
    rules = {p["rule"] for p in api["provenance"]}
    assert rules and "" not in rules
    assert any(r.startswith(("direct", "partial", "indirect")) for r in rules)
    for fact in api["provenance"]:
        assert [r["name"] for r in fact["rules"]] == [r.written for r in parse(fact["rule"])]
        assert all(r["says"] for r in fact["rules"])
    assert "what the rule looks for" in page.text
    says = parse(api["provenance"][0]["rule"])[0].says
    assert str(escape(says)) in page.text  # as Jinja escapes it


def test_rules_lists_the_catalogue() -> None:
    result = CliRunner().invoke(main, ["rules", "--stage", "quotes", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == [r.written for r in catalogue() if r.stage == "quotes"]
    assert all(r["says"] and r["fact"] == "quote" for r in rows)
    table = CliRunner().invoke(main, ["rules"])
    assert table.exit_code == 0
    assert table.stdout.split()[:4] == ["NAME", "STAGE", "FACT", "SAYS"]
    assert "status:past-form" in table.stdout


def test_export_carries_rule_and_version(web_db: Path) -> None:
    out = io.StringIO()
    with Store(web_db, readonly=True) as store:
        write_json(store, out)
    data = json.loads(out.getvalue())
    assert all(q["rule"] and q["stage_version"] for q in data["quotes"])
    assert all(t["rule"] for t in data["time_expressions"])
    mentions = [m for e in data["entities"] for m in e["mentions"]]
    assert mentions and all(m["rule"] for m in mentions)
    assert all(m["rule"] for e in data["events"] for m in e["mentions"])
    # The export carries the catalogue: every part of every fact's rule is one of its entries.
    listed = {r["name"]: r["says"] for r in data["rules"]}
    stored = {q["rule"] for q in data["quotes"]} | {t["rule"] for t in data["time_expressions"]}
    stored |= {m["rule"] for m in mentions} | {
        m["rule"] for e in data["events"] for m in e["mentions"]
    }
    assert {part.written for rule in stored for part in parse(rule)} <= set(listed)
    assert all(listed.values())
