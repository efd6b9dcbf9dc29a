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
-- SKUs are unique whatever their case: the constraint decides a race, not a pre-check.
CREATE UNIQUE INDEX product_sku_key ON product (lower(sku));
CREATE INDEX product_created_idx ON product (created_at DESC, id DESC);

-- Every change of stock, signed (+ into stock, - out of it). Kept when an order is deleted: it is history.
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
CREATE INDEX stock_movement_product_idx ON stock_movement (product_id, created_at DESC, id DESC);

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
CREATE INDEX customer_order_owner_idx ON customer_order (owner_id, created_at DESC, id DESC);
-- The expiry job looks for old PLACED orders only.
CREATE INDEX customer_order_placed_idx ON customer_order (created_at) WHERE status = 'PLACED';

-- The unit price is a snapshot: a later price change does not change a placed order.
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

-- Transactional outbox: written in the transaction of the change it announces, relayed (and marked published)
-- afterwards. Pending rows are found through the partial index.
CREATE TABLE outbox_event (
    id             uuid PRIMARY KEY,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    event_type     text        NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at, id) WHERE published_at IS NULL;
-- The relay publishes an aggregate's events in commit order: it takes an event only when no older one of the same
-- aggregate is still pending.
CREATE INDEX outbox_event_pending_aggregate_idx ON outbox_event (aggregate_type, aggregate_id, created_at, id)
    WHERE published_at IS NULL;

-- Orders are cancelled and expired; a rejected attempt is audited too (in its own transaction), with its reason.
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_action_check;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_action_check
    CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'CANCEL', 'EXPIRE', 'ATTEMPT_FAILED'));
ALTER TABLE audit_entry ADD COLUMN reason text;
