-- A retried request that carries the same Idempotency-Key replays the first answer instead of writing twice.
-- Written in the same transaction as the resource it answers for: both exist, or neither. The final PostgreSQL shape
-- (V2 without V3's dropped resource_id). The UNIQUE constraint is created with the (empty) table: it is the conflict
-- target of the INSERT ... ON CONFLICT that claims a key. DSQL limits an index key to 1 KiB: the three text columns
-- together must stay below it (an Idempotency-Key is validated short before it gets here).
CREATE TABLE idempotency_record (
    id              bigint GENERATED ALWAYS AS IDENTITY (CACHE 65536) PRIMARY KEY,
    owner_id        text        NOT NULL,
    operation       text        NOT NULL,
    idempotency_key text        NOT NULL,
    -- SHA-256 of the request as understood: the same key with another request is refused, not replayed.
    fingerprint     text        NOT NULL,
    -- The first answer's body, replayed verbatim.
    response        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT idempotency_record_key UNIQUE (owner_id, operation, idempotency_key)
);
