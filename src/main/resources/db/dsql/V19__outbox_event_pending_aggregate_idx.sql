-- The relay publishes an aggregate's events in commit order: it takes an event only when no older one of the same
-- aggregate is still pending.
CREATE INDEX ${async} outbox_event_pending_aggregate_idx ON outbox_event (aggregate_type, aggregate_id, created_at, id)
    WHERE published_at IS NULL;
