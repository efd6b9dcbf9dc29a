-- The caller's orders, newest first. PostgreSQL: (owner_id, created_at DESC, id DESC); no DESC on DSQL (V2).
CREATE INDEX ${async} customer_order_owner_idx ON customer_order (owner_id, created_at, id);
