package dev.atomicfunctions.support;

import java.util.UUID;

/**
 * Products for order tests, written straight into the test database as the products API would leave them: the
 * product with its stock, and the receipt that brought the stock in (stock = the sum of movements).
 */
public final class Catalogue {

    private Catalogue() {
    }

    /** @return the id of a new product with a unique SKU */
    public static UUID product(String currency, long priceMinor, int stock) {
        UUID id = UUID.randomUUID();
        String sku = "SKU-" + id.toString().substring(0, 13);
        Db.rows("""
            INSERT INTO product (id, sku, name, price_minor, currency, stock, created_at, updated_at, version)
            VALUES (?, ?, 'Test product', ?, ?, ?, now(), now(), 1) RETURNING id""", id, sku, priceMinor, currency, stock);
        if (stock > 0) {
            Db.rows("""
                INSERT INTO stock_movement (id, product_id, kind, quantity, reason, actor, created_at)
                VALUES (?, ?, 'RECEIPT', ?, 'test stock', 'test', now()) RETURNING id""", UUID.randomUUID(), id, stock);
        }
        return id;
    }

    /**
     * An order of one line, left PLACED since {@code age} ago, written as placing it would have: the stock reserved
     * by a RESERVATION movement, so that the conservation law holds.
     *
     * @param age a PostgreSQL interval, such as {@code 3 days}
     * @return the order's id
     */
    public static UUID placedOrder(UUID product, String owner, int quantity, String age) {
        UUID id = UUID.randomUUID();
        Db.rows("UPDATE product SET stock = stock - ? WHERE id = ? RETURNING id", quantity, product);
        Db.rows("INSERT INTO customer_order (id, owner_id, status, currency, total_minor, created_at, updated_at, "
            + "version) VALUES (?, ?, 'PLACED', 'EUR', ?, now() - CAST(? AS interval), now() - CAST(? AS interval), 1) "
            + "RETURNING id", id, owner, 100L * quantity, age, age);
        Db.rows("INSERT INTO order_line (id, order_id, line_no, product_id, sku, quantity, unit_price_minor) "
            + "VALUES (?, ?, 1, ?, ?, ?, 100) RETURNING id", UUID.randomUUID(), id, product, sku(product), quantity);
        Db.rows("INSERT INTO stock_movement (id, product_id, kind, quantity, order_id, actor, created_at) "
            + "VALUES (?, ?, 'RESERVATION', ?, ?, ?, now()) RETURNING id", UUID.randomUUID(), product, -quantity, id,
            owner);
        return id;
    }

    /** @return the product's SKU */
    public static String sku(UUID product) {
        return (String) Db.rows("SELECT sku FROM product WHERE id = ?", product).getFirst().get("sku");
    }

    /** @return the product's stock */
    public static int stock(UUID product) {
        return ((Number) Db.rows("SELECT stock FROM product WHERE id = ?", product).getFirst().get("stock")).intValue();
    }

    /**
     * The conservation law of stock: what came in (receipts and adjustments) equals what is in stock plus what
     * PLACED and FULFILLED orders hold. Also: stock equals the sum of the product's movements.
     */
    public static boolean conserved(UUID product) {
        long in = Db.count("SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE product_id = ? AND kind IN "
            + "('RECEIPT', 'ADJUSTMENT')", product);
        long held = Db.count("SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN customer_order o "
            + "ON o.id = l.order_id WHERE l.product_id = ? AND o.status IN ('PLACED', 'FULFILLED')", product);
        long moved = Db.count("SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE product_id = ?", product);
        int stock = stock(product);
        return in == stock + held && moved == stock;
    }
}
