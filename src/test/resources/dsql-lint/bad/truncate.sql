-- Emptying a table: DSQL has no TRUNCATE.
TRUNCATE parcel;
