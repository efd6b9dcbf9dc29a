-- An identity column with PostgreSQL's implicit CACHE 1: DSQL wants CACHE 1 or >= 65536 spelt out.
CREATE TABLE parcel (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, weight integer NOT NULL);
