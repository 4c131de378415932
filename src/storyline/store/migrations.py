"""Named, ordered schema migrations (as sqlite-utils and Django do it).

A migration is applied once, inside a transaction, and recorded in ``_migrations`` by name.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_documents",
        """
        CREATE TABLE documents (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            external_id TEXT,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            format TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            published_from TEXT,
            encoding TEXT,
            raw_title TEXT,
            raw_text TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL DEFAULT '',
            offset_map TEXT,
            removals TEXT NOT NULL DEFAULT '[]',
            dateline TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            warnings TEXT NOT NULL DEFAULT '[]',
            stages TEXT NOT NULL DEFAULT '{}',
            previous_version TEXT,
            superseded_by TEXT,
            story_id TEXT,
            duplicate_of TEXT,
            duplicate_kind TEXT,
            duplicate_score REAL,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_source_key ON documents(source_key);
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_outlet ON documents(outlet);

        -- Where each article was found; a changed article at the same place is a new version.
        CREATE TABLE sources (
            source_key TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            document_id TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX sources_document ON sources(document_id);

        -- Files fully processed, for skipping unchanged files without reading them.
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            signature TEXT NOT NULL,
            finished_at TEXT NOT NULL
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            arguments TEXT NOT NULL DEFAULT '{}',
            summary TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE problems (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            hint TEXT
        );
        CREATE INDEX problems_run ON problems(run_id);
        """,
    ),
    Migration(
        "0002_documents_fts",
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='pk',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;
        """,
    ),
    Migration(
        "0003_facts",
        """
        -- Facts filled by later stages. Every row records the stage and version that made it.
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            start TEXT,
            end TEXT,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            roles TEXT NOT NULL DEFAULT '[]',
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX mentions_document ON mentions(document_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker_entity_id TEXT,
            speaker_text TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue TEXT,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX quotes_document ON quotes(document_id);
        CREATE TABLE time_expressions (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT,
            anchor TEXT,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX time_expressions_document ON time_expressions(document_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            date TEXT,
            place_entity_id TEXT,
            participant_entity_ids TEXT NOT NULL DEFAULT '[]',
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL
        );
        CREATE TABLE event_mentions (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE INDEX event_mentions_document ON event_mentions(document_id);
        """,
    ),
    Migration(
        "0004_dedup",
        """
        -- Per-document keys of the dedup stage, computed once and never recomputed.
        CREATE TABLE dedup_signatures (
            document_id TEXT PRIMARY KEY,
            exact_key TEXT NOT NULL,
            shingles INTEGER NOT NULL,
            near_signature BLOB NOT NULL,
            words INTEGER NOT NULL,
            rewrite_signature BLOB NOT NULL,
            stage_version TEXT NOT NULL
        );
        CREATE INDEX dedup_signatures_exact ON dedup_signatures(exact_key);
        -- LSH buckets: one row per (bucket, document). Candidates are index look-ups.
        CREATE TABLE dedup_buckets (
            bucket INTEGER NOT NULL,
            document_id TEXT NOT NULL,
            PRIMARY KEY (bucket, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX dedup_buckets_document ON dedup_buckets(document_id);
        -- Verified pairs (a < b): the evidence that groups are built from.
        CREATE TABLE dedup_links (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            stage_version TEXT NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE INDEX dedup_links_b ON dedup_links(b);
        -- Lineage: which document a copy most likely derives from.
        ALTER TABLE documents ADD COLUMN derived_from TEXT;
        -- The instant of publication (UTC) when known: orders articles of the same day.
        ALTER TABLE documents ADD COLUMN published_at TEXT;
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
        -- Versions of global stages, to rebuild a stage's results when its version changes.
        CREATE TABLE stage_state (
            stage TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0005_stories",
        """
        ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
        -- Sum of the member articles' term vectors (top terms), JSON {term: weight}.
        ALTER TABLE stories ADD COLUMN centroid TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE stories ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE stories ADD COLUMN created_at TEXT;
        ALTER TABLE stories ADD COLUMN updated_at TEXT;
        -- Set when the story was merged into another; its id stays resolvable.
        ALTER TABLE stories ADD COLUMN merged_into TEXT;
        CREATE INDEX stories_end ON stories(end);
        -- Each story's heaviest terms: the index that finds candidate stories for an article.
        CREATE TABLE story_terms (
            term TEXT NOT NULL,
            story_id TEXT NOT NULL,
            PRIMARY KEY (term, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_terms_story ON story_terms(story_id);
        -- Term vectors of clustered articles, kept to rebuild a story's centroid exactly.
        CREATE TABLE story_vectors (
            document_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL,
            vector TEXT NOT NULL,
            similarity REAL
        );
        CREATE INDEX story_vectors_story ON story_vectors(story_id);
        -- Document frequencies of terms over clustered articles (for idf).
        CREATE TABLE term_df (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- The extractive summary, sentence by sentence, with provenance.
        CREATE TABLE story_summary (
            story_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (story_id, rank)
        );
        -- What happened to stories: created, merged (never silently renumbered).
        CREATE TABLE story_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            story_id TEXT NOT NULL,
            other_id TEXT,
            document_id TEXT,
            detail TEXT
        );
        CREATE INDEX story_events_story ON story_events(story_id);
        """,
    ),
    Migration(
        "0006_entity_mentions",
        """
        -- Mentions of people, organisations and places with their role as written. The
        -- older `mentions` table stays for later stages; entity rows live in `entities`
        -- (id from the canonical name and type, aliases and roles as JSON).
        CREATE TABLE entity_mentions (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            -- The canonical name this mention resolved to (an entity's name is the most common).
            name TEXT NOT NULL,
            title TEXT,
            country TEXT,
            organization TEXT,
            is_metonym INTEGER NOT NULL DEFAULT 0,
            confidence REAL,
            stage_version TEXT NOT NULL
        );
        CREATE INDEX entity_mentions_document ON entity_mentions(document_id);
        CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
        -- Documents the entity stage has read (also those without a single mention).
        CREATE TABLE entity_documents (
            document_id TEXT PRIMARY KEY,
            stage_version TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX entities_type ON entities(type);
        """,
    ),
    Migration(
        "0007_entity_mention_kind",
        """
        -- 'name' for a naming of the entity, 'pronoun' for a he / she / his / her that stands
        -- for a person named earlier in the same document (storyline.entities.pronouns).
        -- Counts, aliases and roles read the names only.
        ALTER TABLE entity_mentions ADD COLUMN kind TEXT NOT NULL DEFAULT 'name';
        """,
    ),
    Migration(
        "0008_quote_documents",
        """
        -- Documents the quote stage has read (also those without a single quote).
        CREATE TABLE quote_documents (
            document_id TEXT PRIMARY KEY,
            stage_version TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);
        """,
    ),
    Migration(
        "0009_quote_field",
        """
        -- Where a quote's offsets point: 'text' (the clean body) or 'title' (the headline:
        -- '"We will not back down," says minister'). Speaker offsets point into the same.
        ALTER TABLE quotes ADD COLUMN field TEXT NOT NULL DEFAULT 'text';
        """,
    ),
    Migration(
        "0010_events",
        """
        -- The event stage's tables. 0003 made event_mentions before any stage wrote to it:
        -- a mention is stored before it is linked (event_id NULL), with its own type,
        -- status, time, place and participants; nothing was ever written to the old table.
        DROP TABLE event_mentions;
        CREATE TABLE event_mentions (
            id INTEGER PRIMARY KEY,
            event_id TEXT,
            document_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            lemma TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            time_value TEXT,
            time_start INTEGER,
            time_end INTEGER,
            date_first TEXT,
            date_last TEXT,
            place_entity_id TEXT,
            place_start INTEGER,
            place_end INTEGER,
            participant_entity_ids TEXT NOT NULL DEFAULT '[]',
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            confidence REAL
        );
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE INDEX event_mentions_document ON event_mentions(document_id);
        ALTER TABLE events ADD COLUMN story_id TEXT;
        ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'reported';
        ALTER TABLE events ADD COLUMN date_first TEXT;
        ALTER TABLE events ADD COLUMN date_last TEXT;
        ALTER TABLE events ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX events_story ON events(story_id);
        CREATE INDEX events_date ON events(date_first);
        ALTER TABLE time_expressions ADD COLUMN anchored INTEGER NOT NULL DEFAULT 0;
        -- Documents the event stage has read (also those without an event).
        CREATE TABLE event_documents (
            document_id TEXT PRIMARY KEY,
            stage_version TEXT NOT NULL
        ) WITHOUT ROWID;
        -- Which members each story had when its events were last linked.
        CREATE TABLE event_stories (
            story_id TEXT PRIMARY KEY,
            members TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        "0011_documents_story_index",
        """
        -- A story's articles are read by story_id (story, report, quotes by story, the
        -- timeline): without an index each read scans the documents (14 s at 100k).
        CREATE INDEX documents_story ON documents(story_id);
        """,
    ),
    Migration(
        "0012_event_trigger_vectors",
        """
        -- With --event-embeddings, each mention's trigger-in-context vector (384 float32,
        -- little-endian), kept so that relinking a story encodes only its new mentions.
        ALTER TABLE event_mentions ADD COLUMN trigger_vector BLOB;
        """,
    ),
    Migration(
        "0013_event_roles",
        """
        -- Who did it and to whom, as "type:name" (storyline.events.roles): the linker never
        -- joins mentions whose agents, or patients, are different people.
        ALTER TABLE event_mentions ADD COLUMN agent TEXT;
        ALTER TABLE event_mentions ADD COLUMN patient TEXT;
        """,
    ),
    Migration(
        "0014_fact_rules",
        """
        -- Every extracted fact records the rule or model that produced it (issue 17): with
        -- the stage and its version, already stored, that is the fact's provenance. Facts
        -- stored before have '' until their stage re-reads the document.
        ALTER TABLE entity_mentions ADD COLUMN rule TEXT NOT NULL DEFAULT '';
        ALTER TABLE quotes ADD COLUMN rule TEXT NOT NULL DEFAULT '';
        ALTER TABLE time_expressions ADD COLUMN rule TEXT NOT NULL DEFAULT '';
        ALTER TABLE event_mentions ADD COLUMN rule TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        "0015_story_graph",
        """
        -- Issue 18: stories are groups of the articles' nearest-neighbour graph, kept up to
        -- date as articles arrive (storyline.stories.graph). An article's day (ordinal) and
        -- specific terms and subject (its headline's specific names), the articles by specific
        -- term, each article's nearest neighbours.
        ALTER TABLE story_vectors ADD COLUMN day INTEGER;
        ALTER TABLE story_vectors ADD COLUMN specific TEXT;
        ALTER TABLE story_vectors ADD COLUMN subject TEXT;
        CREATE TABLE story_postings (
            term TEXT NOT NULL,
            document_id TEXT NOT NULL,
            day INTEGER,
            PRIMARY KEY (term, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_postings_document ON story_postings(document_id);
        CREATE TABLE story_neighbours (
            document_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            neighbour_id TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (document_id, rank)
        ) WITHOUT ROWID;
        CREATE INDEX story_neighbours_reverse ON story_neighbours(neighbour_id);
        CREATE TABLE story_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        "0016_story_events_other",
        """
        -- A story's history (storyline story ID --history, the story page) reads the lines
        -- naming it on either side: articles moved in from another story, stories merged
        -- into it. Without this index each page read every event.
        CREATE INDEX story_events_other ON story_events(other_id);
        """,
    ),
    Migration(
        "0017_followed_sources",
        """
        -- The feeds, sitemaps, pages and folders the watch follows (storyline sources).
        CREATE TABLE followed (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,   -- the address as cleaned, or a folder's path
            kind TEXT NOT NULL,         -- feed, sitemap, page, folder; new: not polled yet
            title TEXT,
            added_at TEXT NOT NULL,
            interval_s REAL,            -- the user's; NULL: the default
            period_s REAL,              -- what the source announces (ttl, Cache-Control)
            etag TEXT,
            last_modified TEXT,
            next_poll_at TEXT NOT NULL,
            last_poll_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0
        );
        -- Every request the watch and storyline fetch made: status, size, time, error.
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            source_id INTEGER,          -- the followed source; NULL: storyline fetch
            url TEXT NOT NULL,
            at TEXT NOT NULL,
            purpose TEXT NOT NULL,      -- poll, page
            status INTEGER,             -- NULL: no answer
            bytes INTEGER NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            error_kind TEXT,
            error TEXT
        );
        CREATE INDEX fetches_source ON fetches(source_id, at);
        -- Every article address met in a source, under its key (storyline.sources.urls):
        -- one address found in two feeds, or again at the next poll, is fetched once.
        CREATE TABLE fetched (
            url_key TEXT PRIMARY KEY,
            source_key TEXT NOT NULL,   -- the document's place (sources.source_key)
            source_id INTEGER,
            fingerprint TEXT NOT NULL,  -- the entry as listed; a changed entry is fetched again
            first_seen_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            state TEXT NOT NULL,        -- page, entry (the feed's text), retry, failed
            failures INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX fetched_source ON fetched(source_id, first_seen_at);
        CREATE INDEX fetched_place ON fetched(source_key);
        """,
    ),
    Migration(
        "0018_story_sentences",
        """
        -- Each article's summary candidates (position, span, term counts: JSON), kept by
        -- the story stage the first time it summarises a story holding the article: they
        -- depend on the text alone (a document id is its content's hash).
        CREATE TABLE story_sentences (
            document_id TEXT PRIMARY KEY,
            candidates TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        "0019_quote_parts",
        """
        -- Issue 22: a quote's text is the words inside its marks. A quote in several parts
        -- ('"…," she said, "…"') keeps each part's [start, end) as JSON ('[[s, e], …]'; NULL
        -- for indirect speech and for quotes stored before); start/end run from its first
        -- part to its last and text is the parts joined. The attribution verb's offsets and
        -- the reported clause around a partial quote (its context) are columns of their own.
        ALTER TABLE quotes ADD COLUMN parts TEXT;
        ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
        ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
        ALTER TABLE quotes ADD COLUMN context TEXT;
        ALTER TABLE quotes ADD COLUMN context_start INTEGER;
        ALTER TABLE quotes ADD COLUMN context_end INTEGER;
        """,
    ),
    Migration(
        "0021_entity_story_links",
        """
        -- Issue 22: short names resolved across the articles of a story (the entity_links
        -- stage). A mention it links to the story's full name keeps the entity the entity
        -- stage gave it (own_entity_id, own_name) and names the rule (story_rule); all
        -- three are NULL on a mention no story link moved.
        ALTER TABLE entity_mentions ADD COLUMN own_entity_id TEXT;
        ALTER TABLE entity_mentions ADD COLUMN own_name TEXT;
        ALTER TABLE entity_mentions ADD COLUMN story_rule TEXT;
        -- Which members each story had when its names were last linked.
        CREATE TABLE entity_story_links (
            story_id TEXT PRIMARY KEY,
            members TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        "0023_document_language",
        """
        -- Issue 23: each document's language (ISO 639-1; 'und' when it could not be
        -- decided), set by the language stage; NULL on documents stored before it ran.
        ALTER TABLE documents ADD COLUMN language TEXT;
        """,
    ),
)
