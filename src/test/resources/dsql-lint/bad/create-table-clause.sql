-- A table created from a query: DSQL's CREATE TABLE takes no AS.
CREATE TABLE parcel_copy AS SELECT * FROM parcel;
