-- Every change of stock, signed (+ into stock, - out of it). Kept when an order is deleted: it is history.
-- The foreign key is kept: DSQL enforces foreign keys since August 2026 (checked against the transaction's snapshot
-- and settled at COMMIT, without row locks). A FOREIGN KEY declared in CREATE TABLE needs no NOT VALID; product
-- exists already (V8).
CREATE TABLE stock_movement (
    id         uuid PRIMARY KEY,
    product_id uuid        NOT NULL REFERENCES product (id),
    kind       text        NOT NULL CHECK (kind IN ('RECEIPT', 'ADJUSTMENT', 'RESERVATION', 'RELEASE')),
    quantity   integer     NOT NULL CHECK (quantity <> 0),
    reason     varchar(200),
    order_id   uuid,
    actor      text        NOT NULL,
    created_at timestamptz NOT NULL
);
