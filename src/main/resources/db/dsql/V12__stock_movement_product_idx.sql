-- A product's movements, newest first. PostgreSQL: (product_id, created_at DESC, id DESC); no DESC on DSQL (V2).
CREATE INDEX ${async} stock_movement_product_idx ON stock_movement (product_id, created_at, id);
