-- "order" is a reserved word.
CREATE TABLE customer_order (
    id          uuid PRIMARY KEY,
    owner_id    text         NOT NULL,
    status      text         NOT NULL CHECK (status IN ('PLACED', 'CANCELLED', 'EXPIRED', 'FULFILLED')),
    currency    char(3)      NOT NULL,
    total_minor bigint       NOT NULL CHECK (total_minor >= 0),
    note        varchar(500),
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL
);
