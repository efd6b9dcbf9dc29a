-- Aurora DSQL schema, for a fresh cluster (README.md beside this file says why each choice was made).
-- One DDL statement per file: DSQL runs one DDL statement per transaction and Flyway commits a file as one
-- transaction. The tables, columns, types and constraint names are those of the final PostgreSQL schema
-- (db/migration V1..V5), so that the same application SQL reads and writes both; DsqlSchemaParityTest checks it.
--
-- Tasks belong to the subject (JWT "sub") that created them. order_id names the order a fulfilment task fulfils
-- (PostgreSQL V5), written here into the table at once: a fresh cluster needs no ALTER TABLE ... ADD COLUMN, which
-- DSQL accepts only with a bare data type (no NOT NULL, DEFAULT or CHECK on an added column).
CREATE TABLE task (
    id          uuid PRIMARY KEY,
    owner_id    text          NOT NULL,
    title       varchar(200)  NOT NULL CHECK (length(btrim(title)) > 0),
    description varchar(4000),
    completed   boolean       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    -- Optimistic locking: every update is conditional on the version it read.
    version     bigint        NOT NULL,
    order_id    uuid
);
