-- A savepoint: DSQL has none.
SAVEPOINT before_parcel;
