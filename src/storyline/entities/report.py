"""Listing and showing entities for the CLI: counts, roles with dates, documents."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from storyline.entities.aliases import fold
from storyline.errors import StoreError
from storyline.store import Store


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    name: str
    type: str
    mentions: int
    documents: int
    roles: list[str]


@dataclass(frozen=True, slots=True)
class RoleSeen:
    title: str | None
    country: str | None
    organization: str | None
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class EntityDocument:
    id: str
    published: str | None
    title: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityDetail:
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleSeen]
    documents: list[EntityDocument]
    # The stories its documents belong to (id, title, documents mentioning it), most first.
    stories: list[tuple[str, str, int]] = field(default_factory=list)
    # What it said: (document id, kind, quoted text), oldest first (filled by the quote stage).
    quotes: list[tuple[str, str, str]] = field(default_factory=list)


def role_label(role: dict[str, str | None]) -> str:
    """ "Defense Minister (France)", "Head (NATO)"."""
    where = ", ".join(v for v in (role.get("country"), role.get("organization")) if v)
    title = role.get("title") or "?"
    return f"{title} ({where})" if where else title


def list_entities(
    store: Store, *, type_: str | None = None, limit: int = 50, offset: int = 0
) -> list[EntityRow]:
    """Entities with the most mentions first (only mentions in current documents count, and
    only namings: a resolved "he" or "her" does not make a person more mentioned)."""
    where = "WHERE e.type = ?" if type_ else ""
    params: list[object] = [type_] if type_ else []
    rows = store.conn.execute(
        "SELECT e.id, e.name, e.type, e.roles, COUNT(m.id) AS mentions, "
        "COUNT(DISTINCT m.document_id) AS documents FROM entities e "
        f"JOIN entity_mentions m ON m.entity_id = e.id AND m.kind = 'name' {where} "
        "GROUP BY e.id ORDER BY mentions DESC, documents DESC, e.name LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [
        EntityRow(
            r["id"],
            r["name"],
            r["type"],
            r["mentions"],
            r["documents"],
            [role_label(role) for role in json.loads(r["roles"])],
        )
        for r in rows
    ]


def find_entity(store: Store, name_or_id: str) -> str:
    """The id of the entity with this id (or id prefix), name or alias (accents ignored)."""
    rows = list(store.conn.execute("SELECT id FROM entities WHERE id LIKE ?", (name_or_id + "%",)))
    if len(rows) == 1:
        return str(rows[0]["id"])
    wanted = fold(name_or_id).strip()
    by_name: list[str] = []
    by_alias: list[str] = []
    by_surname: list[str] = []
    for r in store.conn.execute("SELECT id, name, aliases FROM entities"):
        if fold(r["name"]) == wanted:
            by_name.append(r["id"])
        elif wanted in {fold(a) for a in json.loads(r["aliases"])}:
            by_alias.append(r["id"])
        elif fold(r["name"]).split()[-1:] == [wanted]:
            by_surname.append(r["id"])
    found = by_name or by_alias or by_surname
    if not found:
        raise StoreError(
            f"no entity named {name_or_id!r}", hint="list them with: storyline entities"
        )
    if len(found) > 1:
        raise StoreError(
            f"several entities match {name_or_id!r}: {', '.join(sorted(found))}",
            hint="give the id instead",
        )
    return found[0]


def entity_detail(store: Store, name_or_id: str) -> EntityDetail:
    entity_id = find_entity(store, name_or_id)
    row = store.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    roles = [
        RoleSeen(r["title"], r["country"], r["organization"], r["first"], r["last"])
        for r in store.conn.execute(
            "SELECT m.title, m.country, m.organization, MIN(d.published) AS first, "
            "MAX(d.published) AS last FROM entity_mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? "
            "AND (m.title IS NOT NULL OR m.country IS NOT NULL OR m.organization IS NOT NULL) "
            "GROUP BY m.title, m.country, m.organization ORDER BY first, m.title",
            (entity_id,),
        )
    ]
    documents = [
        EntityDocument(r["id"], r["published"], r["title"], r["mentions"])
        for r in store.conn.execute(
            "SELECT d.id, d.published, d.title, COUNT(*) AS mentions FROM entity_mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? AND m.kind = 'name' "
            "GROUP BY d.id ORDER BY d.published, d.pk",
            (entity_id,),
        )
    ]
    stories = [
        (r[0], r[1] or "", r[2])
        for r in store.conn.execute(
            "SELECT s.id, s.title, COUNT(DISTINCT d.id) AS n FROM entity_mentions m "
            "JOIN documents d ON d.id = m.document_id JOIN stories s ON s.id = d.story_id "
            "WHERE m.entity_id = ? AND m.kind = 'name' AND d.superseded_by IS NULL "
            "GROUP BY s.id ORDER BY n DESC, s.end DESC, s.id",
            (entity_id,),
        )
    ]
    quotes = [
        (r[0], r[1], r[2])
        for r in store.conn.execute(
            "SELECT q.document_id, q.kind, q.text FROM quotes q "
            "JOIN documents d ON d.id = q.document_id WHERE q.speaker_entity_id = ? "
            "AND d.superseded_by IS NULL AND d.duplicate_of IS NULL "
            "ORDER BY d.published IS NULL, d.published, d.pk, q.start",
            (entity_id,),
        )
    ]
    return EntityDetail(
        entity_id,
        row["name"],
        row["type"],
        json.loads(row["aliases"]),
        roles,
        documents,
        stories,
        quotes,
    )


def text(detail: EntityDetail) -> str:
    lines = [f"{detail.name} ({detail.type}, {detail.id})"]
    lines.append("aliases: " + (", ".join(detail.aliases) or "(none)"))
    lines.append("roles:")
    for role in detail.roles:
        label = role_label(
            {"title": role.title, "country": role.country, "organization": role.organization}
        )
        seen = role.first if role.first == role.last else f"{role.first} – {role.last}"
        lines.append(f"  {label}  seen {seen or 'undated'}")
    if not detail.roles:
        lines.append("  (none)")
    lines.append("documents:")
    for doc in detail.documents:
        lines.append(
            f"  {doc.id[:12]}  {doc.published or 'undated'}  "
            f"{doc.mentions} mention(s)  {doc.title or ''}"
        )
    lines.append("stories:")
    lines += [f"  {sid}  {n} document(s)  {title}" for sid, title, n in detail.stories]
    if not detail.stories:
        lines.append("  (none)")
    if detail.quotes:
        lines.append("quotes:")
        for document_id, kind, quoted in detail.quotes:
            lines.append(f"  {document_id[:12]}  {kind}: “{' '.join(quoted.split())}”")
    return "\n".join(lines)
