-- Tasks belong to the subject (JWT "sub") that created them.
CREATE TABLE task (
    id          uuid PRIMARY KEY,
    owner_id    text          NOT NULL,
    title       varchar(200)  NOT NULL CHECK (length(btrim(title)) > 0),
    description varchar(4000),
    completed   boolean       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    -- Optimistic locking: every update is conditional on the version it read.
    version     bigint        NOT NULL
);

-- Serves "my tasks, newest first" with keyset pagination, optionally filtered by completion.
CREATE INDEX task_owner_created_idx ON task (owner_id, created_at DESC, id DESC);

-- Written in the same transaction as the change it records.
CREATE TABLE audit_entry (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action         text        NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
    entity_type    text        NOT NULL,
    entity_id      text        NOT NULL,
    actor          text        NOT NULL,
    request_id     text,
    correlation_id text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    changed_fields text[]      NOT NULL
);

CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id);
