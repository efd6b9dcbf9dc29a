-- The catalogue. Stock is a column, changed only together with a stock_movement row in the same transaction, so
-- that stock = the sum of a product's movements. The CHECK is the last line of defence against overselling.
CREATE TABLE product (
    id          uuid PRIMARY KEY,
    sku         varchar(64)  NOT NULL CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
    name        varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    price_minor bigint       NOT NULL CHECK (price_minor >= 0),
    currency    char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    stock       integer      NOT NULL CHECK (stock >= 0),
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL
);
