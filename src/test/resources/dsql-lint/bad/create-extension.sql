-- An extension: DSQL supports none.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
