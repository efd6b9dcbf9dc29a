-- Pending events, oldest first: a partial index (DSQL: since September 2026).
CREATE INDEX ${async} outbox_event_pending_idx ON outbox_event (created_at, id) WHERE published_at IS NULL;
