"""Listing and showing entities for the CLI: counts, roles with dates, documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.entities.aliases import fold
from storyline.errors import StoreError
from storyline.store import Store
from storyline.store.entities import DocumentCount, RoleSpan


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    name: str
    type: str
    mentions: int
    documents: int
    roles: list[str]


@dataclass(frozen=True, slots=True)
class EntityDetail:
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleSpan]
    documents: list[DocumentCount]
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
    return [
        EntityRow(
            e.id, e.name, e.type, e.mentions, e.documents, [role_label(role) for role in e.roles]
        )
        for e in store.entities.most_named(type_=type_, limit=limit, offset=offset)
    ]


def find_entity(store: Store, name_or_id: str) -> str:
    """The id of the entity with this id (or id prefix), name or alias (accents ignored)."""
    ids = store.entities.ids_starting(name_or_id)
    if len(ids) == 1:
        return ids[0]
    wanted = fold(name_or_id).strip()
    by_name: list[str] = []
    by_alias: list[str] = []
    by_surname: list[str] = []
    for entity in store.entities.named():
        if fold(entity.name) == wanted:
            by_name.append(entity.id)
        elif wanted in {fold(a) for a in entity.aliases}:
            by_alias.append(entity.id)
        elif fold(entity.name).split()[-1:] == [wanted]:
            by_surname.append(entity.id)
    found = by_name or by_alias or by_surname
    if not found:
        raise StoreError(
            f"no entity named {name_or_id!r}", hint="list them with: storyline entities"
        )
    if len(found) > 1:
        raise StoreError(
            f"several entities match {name_or_id!r}: {_listed(store, found)}",
            hint="give the id instead",
        )
    return found[0]


def _listed(store: Store, entity_ids: list[str]) -> str:
    """``Jan de Wit (person, ent_c620…), Wit Group (organization, ent_ef97…)``: each match
    with its name and type beside its whole id, by name."""
    entries = []
    for entity_id in entity_ids:
        entity = store.entities.get(entity_id)
        name, type_ = (entity.name, entity.type) if entity else ("?", "?")
        entries.append((name, type_, entity_id))
    return ", ".join(f"{name} ({type_}, {entity_id})" for name, type_, entity_id in sorted(entries))


def entity_detail(store: Store, name_or_id: str) -> EntityDetail:
    entity_id = find_entity(store, name_or_id)
    entity = store.entities.get(entity_id)
    assert entity is not None
    return EntityDetail(
        entity_id,
        entity.name,
        entity.type,
        list(entity.aliases),
        list(store.entities.roles_seen(entity_id)),
        list(store.entities.documents_naming(entity_id)),
        [(s.id, s.title, s.documents) for s in store.entities.stories_naming(entity_id)],
        [(q.document_id, q.kind, q.text) for q in store.quotes.said_by(entity_id)],
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
