-- The unit price is a snapshot: a later price change does not change a placed order.
-- Foreign keys as on PostgreSQL (DSQL: since August 2026, with ON DELETE CASCADE among its referential actions):
-- deleting an order deletes its lines, which the order deletion relies on. customer_order (V13) and product (V8)
-- exist already. The two UNIQUE constraints are created with the empty table.
CREATE TABLE order_line (
    id               uuid PRIMARY KEY,
    order_id         uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no          smallint    NOT NULL,
    product_id       uuid        NOT NULL REFERENCES product (id),
    sku              varchar(64) NOT NULL,
    quantity         integer     NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_minor bigint      NOT NULL CHECK (unit_price_minor >= 0),
    UNIQUE (order_id, line_no),
    UNIQUE (order_id, product_id)
);
