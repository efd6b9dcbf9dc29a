-- Written in the same transaction as the change it records. The final PostgreSQL shape (V1, V3's origin and
-- lambda_request_id, V5's reason and widened action check) in one CREATE TABLE: DSQL cannot ADD COLUMN with a
-- NOT NULL/CHECK, nor DROP/ADD a CHECK constraint except NOT VALID.
--
-- Two differences from PostgreSQL, both forced by DSQL:
--  * id: DSQL requires an explicit sequence CACHE of 1 or >= 65536. 65536: ids stay unique but may leave gaps and
--    need not follow commit order across sessions; nothing reads them in order (the audit insert returns the
--    transaction id, not the row id).
--  * changed_fields: DSQL stores no array column (text[] is a query-time type only). jsonb holds the same list as a
--    JSON array of strings. This is the one column whose type differs: the audit INSERT must send JSON
--    (README.md, "Application SQL that must change").
CREATE TABLE audit_entry (
    id                bigint GENERATED ALWAYS AS IDENTITY (CACHE 65536) PRIMARY KEY,
    action            text        NOT NULL
        CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'CANCEL', 'EXPIRE', 'ATTEMPT_FAILED')),
    entity_type       text        NOT NULL,
    entity_id         text        NOT NULL,
    actor             text        NOT NULL,
    request_id        text,
    correlation_id    text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    changed_fields    jsonb       NOT NULL,
    -- The entry point a change came through, and the Lambda invocation (PostgreSQL V3; no default there either).
    origin            text        NOT NULL CHECK (origin IN ('HTTP', 'QUEUE', 'SCHEDULE')),
    lambda_request_id text,
    -- Why an attempt was rejected (PostgreSQL V5).
    reason            text
);
