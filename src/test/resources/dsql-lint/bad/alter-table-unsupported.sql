-- Dropping a constraint (as PostgreSQL V4 does): not in DSQL's documented ALTER TABLE syntax.
ALTER TABLE parcel DROP CONSTRAINT parcel_weight_check;
