-- The products that benchmark/post-order-v2.json orders, run before the cold and warm runs. Rerunnable: a product
-- that exists is kept, and its stock is topped up to 10 million units by a RECEIPT movement, so that stock stays
-- the sum of its movements. 10 million units cover some 3 million orders of the event (at most 3 units a line):
-- a default run places about 5,000 real and floor orders together.
INSERT INTO product (id, sku, name, price_minor, currency, stock, created_at, updated_at, version) VALUES
    ('b0000000-0000-4000-8000-000000000001', 'BENCH-1', 'Benchmark product 1', 1250, 'EUR', 0, now(), now(), 1),
    ('b0000000-0000-4000-8000-000000000002', 'BENCH-2', 'Benchmark product 2',  999, 'EUR', 0, now(), now(), 1),
    ('b0000000-0000-4000-8000-000000000003', 'BENCH-3', 'Benchmark product 3', 4500, 'EUR', 0, now(), now(), 1)
ON CONFLICT (id) DO NOTHING;

WITH short AS (
    SELECT id, stock FROM product
    WHERE id IN ('b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002',
                 'b0000000-0000-4000-8000-000000000003')
      AND stock < 10000000
    FOR UPDATE
), topped AS (
    UPDATE product p SET stock = 10000000, updated_at = now(), version = p.version + 1
    FROM short s WHERE p.id = s.id
    RETURNING p.id, 10000000 - s.stock AS added
)
INSERT INTO stock_movement (id, product_id, kind, quantity, reason, actor, created_at)
SELECT gen_random_uuid(), id, 'RECEIPT', added, 'benchmark stock', 'benchmark', now() FROM topped;
