package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor of {@code POST /orders} (lines named by product id, no note, no Idempotency-Key): what placing an order
 * costs with no framework at all. The same SQL as the functions send, in one transaction: the products locked in id
 * order, per product in that order the conditional stock update and its movement, the order, its lines, the audit
 * row and the outbox event. One connection per thread kept between invocations (so, serving many at once, a pool
 * as wide as the concurrency, as the functions' on Managed Instances), opened with the same driver settings as the
 * functions'; the lines picked from the body with a regular expression; the event payload and the answer written by
 * hand. Checks only what the data can refuse (an unknown product, short stock, mixed currencies); none of the
 * functions' input validation. No nested classes: {@link Packaging#isolate} packs this class alone.
 */
public final class PlainJdbcOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Pattern LINE = Pattern.compile(
        "\\{\\s*\"productId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"\\s*,\\s*\"quantity\"\\s*:\\s*(\\d+)\\s*}");
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        List<UUID> lineProducts = new ArrayList<>();
        List<Integer> lineQuantities = new ArrayList<>();
        Matcher line = LINE.matcher(event.getBody());
        while (line.find()) {
            lineProducts.add(UUID.fromString(line.group(1)));
            lineQuantities.add(Integer.parseInt(line.group(2)));
        }
        if (lineProducts.isEmpty()) {
            return status(400);
        }
        String subject = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
        UUID orderId = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        int n = lineProducts.size();
        String[] skus = new String[n];
        long[] prices = new long[n];
        String currency = null;
        long total = 0;
        try {
            Connection c = connection();
            try {
                // The products, locked in id order; the rows come back in that order.
                List<UUID> lockOrder = new ArrayList<>();
                Map<UUID, Integer> quantities = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    quantities.put(lineProducts.get(i), lineQuantities.get(i));
                }
                // The statement texts are the functions' own, as PostgreSQL logs them (log_statement=all).
                try (PreparedStatement lock = c.prepareStatement("""
                    SELECT * FROM product
                    WHERE id IN (%s) OR lower(sku) IN (?)
                    ORDER BY id
                    FOR UPDATE""".formatted("?,".repeat(n - 1) + "?"))) {
                    for (int i = 0; i < n; i++) {
                        lock.setObject(i + 1, lineProducts.get(i));
                    }
                    lock.setString(n + 1, "");
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            UUID id = rows.getObject("id", UUID.class);
                            int i = lineProducts.indexOf(id);
                            if (rows.getInt("stock") < lineQuantities.get(i)) {
                                c.rollback();
                                return status(409);
                            }
                            if (currency != null && !currency.equals(rows.getString("currency"))) {
                                c.rollback();
                                return status(422);
                            }
                            currency = rows.getString("currency");
                            skus[i] = rows.getString("sku");
                            prices[i] = rows.getLong("price_minor");
                            total = Math.addExact(total, Math.multiplyExact(prices[i], lineQuantities.get(i)));
                            lockOrder.add(id);
                        }
                    }
                }
                if (quantities.size() != n || lockOrder.size() != n) {
                    c.rollback();
                    return status(422);
                }
                // Every product's conditional update in one statement, then the movements in one batch.
                try (PreparedStatement move = c.prepareStatement("""
                    UPDATE product p SET stock = p.stock + c.delta, updated_at = ?, version = p.version + 1
                    FROM unnest(CAST(? AS uuid[]), CAST(? AS int[])) AS c(id, delta)
                    WHERE p.id = c.id AND NOT EXISTS (
                        SELECT 1 FROM product q JOIN unnest(CAST(? AS uuid[]), CAST(? AS int[])) AS d(id, delta)
                        ON q.id = d.id WHERE q.stock::bigint + d.delta NOT BETWEEN 0 AND 2147483647)""");
                     PreparedStatement movement = c.prepareStatement("INSERT INTO \"stock_movement\" "
                         + "(\"product_id\",\"kind\",\"quantity\",\"reason\",\"order_id\",\"actor\",\"created_at\","
                         + "\"id\") VALUES (?,?,?,?,?,?,?,?)")) {
                    move.setTimestamp(1, now);
                    Array ids = c.createArrayOf("uuid", lockOrder.toArray());
                    Array deltas = c.createArrayOf("int4", lockOrder.stream().map(p -> -quantities.get(p))
                        .toArray());
                    move.setArray(2, ids);
                    move.setArray(3, deltas);
                    move.setArray(4, ids);
                    move.setArray(5, deltas);
                    if (move.executeUpdate() != n) {
                        c.rollback();
                        return status(409);
                    }
                    for (UUID product : lockOrder) {
                        movement.setObject(1, product);
                        movement.setString(2, "RESERVATION");
                        movement.setInt(3, -quantities.get(product));
                        movement.setNull(4, Types.VARCHAR);
                        movement.setObject(5, orderId);
                        movement.setString(6, subject);
                        movement.setTimestamp(7, now);
                        movement.setObject(8, UUID.randomUUID());
                        movement.addBatch();
                    }
                    movement.executeBatch();
                }
                try (PreparedStatement order = c.prepareStatement("INSERT INTO \"customer_order\" (\"owner_id\","
                    + "\"status\",\"currency\",\"total_minor\",\"note\",\"created_at\",\"updated_at\",\"version\","
                    + "\"id\") VALUES (?,?,?,?,?,?,?,?,?)")) {
                    order.setString(1, subject);
                    order.setString(2, "PLACED");
                    order.setString(3, currency);
                    order.setLong(4, total);
                    order.setNull(5, Types.VARCHAR);
                    order.setTimestamp(6, now);
                    order.setTimestamp(7, now);
                    order.setLong(8, 1);
                    order.setObject(9, orderId);
                    order.executeUpdate();
                }
                try (PreparedStatement lines = c.prepareStatement("INSERT INTO \"order_line\" (\"order_id\","
                    + "\"line_no\",\"product_id\",\"sku\",\"quantity\",\"unit_price_minor\",\"id\") "
                    + "VALUES (?,?,?,?,?,?,?)")) {
                    for (int i = 0; i < n; i++) {
                        lines.setObject(1, orderId);
                        lines.setInt(2, i + 1);
                        lines.setObject(3, lineProducts.get(i));
                        lines.setString(4, skus[i]);
                        lines.setInt(5, lineQuantities.get(i));
                        lines.setLong(6, prices[i]);
                        lines.setObject(7, UUID.randomUUID());
                        lines.addBatch();
                    }
                    lines.executeBatch();
                }
                // The audit insert returns the transaction's id, as the functions' does (to resolve a lost COMMIT).
                try (PreparedStatement audit = c.prepareStatement("INSERT INTO audit_entry (action, entity_type, "
                    + "entity_id, actor, origin, request_id, correlation_id, lambda_request_id, occurred_at, "
                    + "changed_fields, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                    + "RETURNING CAST(CAST(pg_current_xact_id() AS text) AS bigint)")) {
                    audit.setString(1, "CREATE");
                    audit.setString(2, "order");
                    audit.setString(3, orderId.toString());
                    audit.setString(4, subject);
                    audit.setString(5, "HTTP");
                    audit.setString(6, event.getRequestContext().getRequestId());
                    audit.setString(7, UUID.randomUUID().toString());
                    audit.setString(8, context.getAwsRequestId());
                    audit.setTimestamp(9, now);
                    audit.setArray(10, c.createArrayOf("text", new String[] {"status", "lines"}));
                    audit.setNull(11, Types.VARCHAR);
                    audit.executeQuery().close();
                }
                try (PreparedStatement outbox = c.prepareStatement("""
                    INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, created_at)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)""")) {
                    outbox.setObject(1, UUID.randomUUID());
                    outbox.setString(2, "order");
                    outbox.setString(3, orderId.toString());
                    outbox.setString(4, "order.placed");
                    outbox.setString(5, "{\"version\":1,\"orderId\":\"" + orderId + "\",\"ownerId\":" + json(subject)
                        + ",\"status\":\"PLACED\",\"lines\":" + lines(lineProducts, skus, lineQuantities, prices)
                        + ",\"totalMinor\":" + total + ",\"currency\":\"" + currency + "\",\"occurredAt\":\""
                        + now.toInstant() + "\"}");
                    outbox.setTimestamp(6, now);
                    outbox.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String body = "{\"id\":\"" + orderId + "\",\"status\":\"PLACED\",\"lines\":"
            + lines(lineProducts, skus, lineQuantities, prices) + ",\"totalMinor\":" + total + ",\"currency\":\""
            + currency + "\",\"note\":null,\"createdAt\":\"" + now.toInstant() + "\",\"updatedAt\":\""
            + now.toInstant() + "\",\"version\":1}";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
            .withHeaders(Map.of("Content-Type", "application/json", "Location", "/orders/" + orderId, "ETag", "\"1\""))
            .withBody(body).build();
    }

    private static String lines(List<UUID> products, String[] skus, List<Integer> quantities, long[] prices) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < products.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"productId\":\"").append(products.get(i))
                .append("\",\"sku\":").append(json(skus[i])).append(",\"quantity\":").append(quantities.get(i))
                .append(",\"unitPriceMinor\":").append(prices[i]).append('}');
        }
        return json.append(']').toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    private static APIGatewayV2HTTPResponse status(int status) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).build();
    }

    private Connection connection() throws SQLException {
        Connection connection = connections.get();
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", System.getenv("DB_USERNAME"));
            properties.setProperty("password", System.getenv("DB_PASSWORD"));
            // As the functions connect: no server-side prepared statements (RDS Proxy would pin the session).
            properties.setProperty("prepareThreshold", "0");
            connection = DriverManager.getConnection(System.getenv("DB_URL"), properties);
            connection.setAutoCommit(false);
            connections.set(connection);
        }
        return connection;
    }
}
