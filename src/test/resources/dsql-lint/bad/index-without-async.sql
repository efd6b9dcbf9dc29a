-- A synchronous index build: DSQL requires CREATE INDEX ASYNC, even on an empty table.
CREATE INDEX parcel_weight_idx ON parcel (weight);
