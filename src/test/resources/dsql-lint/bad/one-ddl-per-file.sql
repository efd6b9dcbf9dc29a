-- Two tables in one migration: DSQL takes one DDL statement per transaction.
CREATE TABLE parcel (id uuid PRIMARY KEY);
CREATE TABLE label (id uuid PRIMARY KEY);
