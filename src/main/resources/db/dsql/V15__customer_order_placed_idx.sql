-- The expiry job looks for old PLACED orders only: a partial index (DSQL: since September 2026). DSQL uses it for a
-- query whose WHERE implies status = 'PLACED', as the expiry query's does.
CREATE INDEX ${async} customer_order_placed_idx ON customer_order (created_at) WHERE status = 'PLACED';
