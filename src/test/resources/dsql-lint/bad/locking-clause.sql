-- A queue claim that skips what others hold (as the outbox relay's): DSQL never waits, so has no SKIP LOCKED.
SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY created_at LIMIT 10 FOR UPDATE SKIP LOCKED;
