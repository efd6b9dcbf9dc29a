-- A table and its first row in one migration: DDL and DML never share a DSQL transaction.
CREATE TABLE parcel (id uuid PRIMARY KEY, weight integer NOT NULL);
INSERT INTO parcel (id, weight) VALUES ('5b6f6a52-9a2e-4d3a-8d35-1c1e8a3e4f10', 1);
