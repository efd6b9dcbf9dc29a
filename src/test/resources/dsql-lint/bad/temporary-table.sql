-- A temporary table: DSQL has none.
CREATE TEMPORARY TABLE parcel_scratch (id uuid);
