-- The catalogue, newest first (keyset pagination). PostgreSQL: (created_at DESC, id DESC); DSQL takes no DESC in
-- an index, so the same columns ascending (see V2).
CREATE INDEX ${async} product_created_idx ON product (created_at, id);
