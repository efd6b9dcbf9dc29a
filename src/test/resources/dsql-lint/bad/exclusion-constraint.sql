-- An exclusion constraint: DSQL supports none.
CREATE TABLE parcel (id uuid PRIMARY KEY, code text NOT NULL, EXCLUDE USING btree (code WITH =));
