-- A CHECK added to an existing table and validated at once (as PostgreSQL V4 does): DSQL wants NOT VALID.
ALTER TABLE parcel ADD CONSTRAINT parcel_weight_check CHECK (weight > 0);
