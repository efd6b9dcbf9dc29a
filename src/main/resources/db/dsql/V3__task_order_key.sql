-- One task per order: a second would be a bug, refused here. A partial unique index (DSQL: partial indexes since
-- September 2026). The asynchronous build enforces uniqueness once the index is active; on a fresh, empty table the
-- build has nothing to scan.
CREATE UNIQUE INDEX ${async} task_order_key ON task (order_id) WHERE order_id IS NOT NULL;
