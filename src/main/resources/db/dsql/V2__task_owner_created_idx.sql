-- Serves "my tasks, newest first" with keyset pagination, optionally filtered by completion.
-- DSQL builds every index asynchronously and requires the ASYNC keyword; PostgreSQL does not know it. The
-- placeholder async is ASYNC on DSQL and empty on PostgreSQL (Flyway placeholders; see README.md).
-- DSQL's CREATE INDEX takes no ASC/DESC per column (only NULLS FIRST/LAST): the PostgreSQL index is
-- (owner_id, created_at DESC, id DESC); this one has the same columns in ascending order, which a "newest first"
-- scan reads backwards on PostgreSQL. Whether DSQL's planner scans it backwards is to be checked with EXPLAIN.
CREATE INDEX ${async} task_owner_created_idx ON task (owner_id, created_at, id);
