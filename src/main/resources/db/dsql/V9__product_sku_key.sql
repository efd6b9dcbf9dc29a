-- SKUs are unique whatever their case: the constraint decides a race, not a pre-check. An index on an expression
-- (DSQL: since August 2026; lower() is immutable, as DSQL requires). Under DSQL's optimistic concurrency the race
-- is decided at COMMIT: the loser gets a unique violation, or 40001 (OC000) when both commits overlap.
CREATE UNIQUE INDEX ${async} product_sku_key ON product (lower(sku));
