-- A retried request that carries the same Idempotency-Key replays the first answer instead of writing twice.
-- Written in the same transaction as the resource it answers for: both exist, or neither.
CREATE TABLE idempotency_record (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id        text        NOT NULL,
    operation       text        NOT NULL,
    idempotency_key text        NOT NULL,
    -- SHA-256 of the request as understood: the same key with another request is refused, not replayed.
    fingerprint     text        NOT NULL,
    resource_id     text        NOT NULL,
    -- The first answer's body, replayed verbatim.
    response        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT idempotency_record_key UNIQUE (owner_id, operation, idempotency_key)
);

-- For expiring old records in bulk.
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);
