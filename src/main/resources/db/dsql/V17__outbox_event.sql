-- Transactional outbox: written in the transaction of the change it announces, relayed (and marked published)
-- afterwards. Pending rows are found through the partial indexes (V18, V19).
-- payload stays jsonb: DSQL stores jsonb since June 2026 (1 MiB per value, compressed), so the insert's
-- CAST(:payload AS jsonb) is unchanged.
CREATE TABLE outbox_event (
    id             uuid PRIMARY KEY,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    event_type     text        NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz
);
