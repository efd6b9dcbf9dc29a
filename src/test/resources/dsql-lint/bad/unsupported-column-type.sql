-- An array column: arrays exist only at query time on DSQL.
CREATE TABLE parcel (id uuid PRIMARY KEY, tags text[] NOT NULL);
