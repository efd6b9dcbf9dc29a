-- Audit rows name the entry point a change came through (HTTP, QUEUE, SCHEDULE) and the Lambda invocation, besides
-- the origin's own id (request_id: API Gateway request id, SQS message id, schedule event id).
ALTER TABLE audit_entry
    ADD COLUMN origin            text NOT NULL DEFAULT 'HTTP' CHECK (origin IN ('HTTP', 'QUEUE', 'SCHEDULE')),
    ADD COLUMN lambda_request_id text;
ALTER TABLE audit_entry ALTER COLUMN origin DROP DEFAULT;

-- Idempotency serves any entry point and any answer: the answer's own id is not needed to replay it.
ALTER TABLE idempotency_record DROP COLUMN resource_id;
