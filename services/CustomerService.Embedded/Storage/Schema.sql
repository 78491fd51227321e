-- The embedded database. Every statement is idempotent: it runs at each start.
-- Times are Unix milliseconds (UTC) so that due-time queries compare integers.

CREATE TABLE IF NOT EXISTS outbox_events (
    id           TEXT PRIMARY KEY,
    type         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    published_at INTEGER NOT NULL
);

-- One row per (event, subscriber) until the subscriber has handled it.
CREATE TABLE IF NOT EXISTS outbox_deliveries (
    event_id   TEXT NOT NULL REFERENCES outbox_events(id),
    subscriber TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    due_at     INTEGER NOT NULL,
    last_error TEXT,
    PRIMARY KEY (event_id, subscriber)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_outbox_deliveries_due ON outbox_deliveries (due_at);

CREATE TABLE IF NOT EXISTS dead_letters (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   TEXT NOT NULL,
    event_type TEXT NOT NULL,
    subscriber TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    last_error TEXT,
    dead_at    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS state_entries (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS durable_timers (
    key        TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    due_at     INTEGER NOT NULL,
    payload    TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL DEFAULT 'scheduled', -- scheduled | failed
    last_error TEXT,
    generation TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_durable_timers_due ON durable_timers (status, due_at);

CREATE TABLE IF NOT EXISTS conversations (
    id          TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    opened_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_conversations_customer ON conversations (channel, customer_id, status);

CREATE TABLE IF NOT EXISTS messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    role            TEXT NOT NULL,
    text            TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    matched_intent  TEXT,
    confidence      REAL,
    handoff         INTEGER, -- bot replies: 0 | 1 (added later: see AddedColumns)
    citations       TEXT     -- bot replies: JSON array of FAQ entry / document ids
);
CREATE INDEX IF NOT EXISTS ix_messages_conversation ON messages (conversation_id, id);

CREATE TABLE IF NOT EXISTS faq_entries (
    id         TEXT PRIMARY KEY,
    intent     TEXT NOT NULL,
    questions  TEXT NOT NULL, -- JSON array
    answer     TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS knowledge_imports (
    content_hash TEXT PRIMARY KEY,
    source       TEXT NOT NULL,
    entries      INTEGER NOT NULL,
    imported_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Knowledge documents: the store is the truth; the lexical and vector indexes are derived from it.
CREATE TABLE IF NOT EXISTS knowledge_documents (
    id         TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    metadata   TEXT NOT NULL, -- JSON DocumentMetadata
    status     TEXT NOT NULL, -- processing | ready | failed
    next_version INTEGER NOT NULL DEFAULT 1,
    chunks     INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS knowledge_chunks (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    heading     TEXT NOT NULL, -- JSON array
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    questions   TEXT NOT NULL, -- JSON array
    answer      TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_knowledge_chunks_document ON knowledge_chunks (document_id, idx);

CREATE TABLE IF NOT EXISTS ingestion_jobs (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    state       TEXT NOT NULL, -- queued | running | succeeded | failed
    steps_done  TEXT NOT NULL, -- JSON array
    chunks      INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Points of the embedded vector index; vectors are little-endian float32 blobs.
CREATE TABLE IF NOT EXISTS vector_collections (
    name       TEXT PRIMARY KEY,
    dimensions INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS vector_points (
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    vector     BLOB NOT NULL,
    payload    TEXT NOT NULL, -- JSON VectorPayload
    PRIMARY KEY (collection, id)
) WITHOUT ROWID;

-- Synonyms knowledge managers maintain: every term of a group also matches the others.
CREATE TABLE IF NOT EXISTS knowledge_synonyms (
    id    TEXT PRIMARY KEY,
    terms TEXT NOT NULL -- JSON array
) WITHOUT ROWID;

-- Tags on a customer's profile; a customer has a tag once, with the source that first added it.
CREATE TABLE IF NOT EXISTS customer_tags (
    customer_id TEXT NOT NULL,
    tag         TEXT NOT NULL,
    source      TEXT NOT NULL, -- agent | rule:<name> | channel:<code> …
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;

-- Channel codes (活码) each customer arrived through, once per code and params; the oldest is the first-touch source.
CREATE TABLE IF NOT EXISTS customer_sources (
    customer_id   TEXT NOT NULL,
    code          TEXT NOT NULL,
    params        TEXT NOT NULL, -- JSON object, names in ordinal order
    channel       TEXT NOT NULL, -- where the customer first arrived through it
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (customer_id, code, params)
) WITHOUT ROWID;

-- Tickets; seq numbers the readable id (T-000042) customers read out on the phone.
CREATE TABLE IF NOT EXISTS tickets (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    channel         TEXT NOT NULL,
    question        TEXT NOT NULL,
    category        TEXT NOT NULL,
    urgency         TEXT NOT NULL, -- Low | Normal | High | Urgent
    status          TEXT NOT NULL, -- Open | InProgress | Resolved | Closed
    created_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_tickets_customer ON tickets (customer_id, seq);

-- The audit log: append-only, newest read first; detail never holds a blocked word verbatim.
CREATE TABLE IF NOT EXISTS audit_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL, -- sensitive_words.blocked …
    conversation_id TEXT,
    customer_id     TEXT,
    channel         TEXT,
    detail          TEXT NOT NULL,
    at              INTEGER NOT NULL
);

-- OneID: one row per customer across channels; the staff-maintained fields live here.
CREATE TABLE IF NOT EXISTS customers (
    id                    TEXT PRIMARY KEY,
    vip_level             INTEGER,
    last_human_agent      TEXT,
    birthday              TEXT,    -- yyyy-MM-dd
    membership_expires_at INTEGER,
    created_at            INTEGER NOT NULL
) WITHOUT ROWID;

-- A channel account belongs to one customer.
CREATE TABLE IF NOT EXISTS customer_accounts (
    channel     TEXT NOT NULL,
    account_id  TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    linked_at   INTEGER NOT NULL,
    PRIMARY KEY (channel, account_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_customer_accounts_customer ON customer_accounts (customer_id);

-- Verified identifiers; one value belongs to one customer. Nothing a customer merely typed is stored here.
CREATE TABLE IF NOT EXISTS customer_identifiers (
    kind        TEXT NOT NULL, -- phone | wecom_unionid | wecom_external_userid | site_user
    value       TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    verified_at INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_customer_identifiers_customer ON customer_identifiers (customer_id);

-- Ids of customers merged into another; always point at the current survivor (chains are flattened).
CREATE TABLE IF NOT EXISTS customer_aliases (
    merged_id   TEXT PRIMARY KEY,
    survivor_id TEXT NOT NULL,
    merged_at   INTEGER NOT NULL
) WITHOUT ROWID;
