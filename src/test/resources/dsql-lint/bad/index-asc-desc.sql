-- A descending index column: DSQL's CREATE INDEX ASYNC takes NULLS FIRST/LAST, not ASC/DESC.
CREATE INDEX ASYNC parcel_created_idx ON parcel (created_at DESC, id);
