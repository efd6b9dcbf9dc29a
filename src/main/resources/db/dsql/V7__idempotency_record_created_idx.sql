-- For expiring old records in bulk (in batches: DSQL changes at most 3,000 rows per transaction).
CREATE INDEX ${async} idempotency_record_created_idx ON idempotency_record (created_at);
