package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor: what {@code POST /tasks} costs with no framework at all. The same SQL in one transaction (the task
 * and its audit row), one connection per thread kept between invocations (serving many at once, a pool as wide as
 * the concurrency, as the functions' on Managed Instances) and opened with the same driver settings as the
 * functions', the title picked from the body with a regular expression and the answer written by hand.
 */
public final class PlainJdbcHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Matcher title = TITLE.matcher(event.getBody());
        if (!title.find()) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(400).build();
        }
        String subject = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            Connection c = connection();
            try (PreparedStatement task = c.prepareStatement("INSERT INTO task (id, owner_id, title, description, "
                + "completed, created_at, updated_at, version) VALUES (?, ?, ?, NULL, false, ?, ?, 1)");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO audit_entry (action, entity_type, "
                     + "entity_id, actor, origin, request_id, correlation_id, lambda_request_id, occurred_at, "
                     + "changed_fields) VALUES ('CREATE', 'task', ?, ?, 'HTTP', ?, ?, ?, ?, ?) "
                     // As the functions' audit insert: it returns the transaction's id (to resolve a lost COMMIT).
                     + "RETURNING CAST(CAST(pg_current_xact_id() AS text) AS bigint)")) {
                task.setObject(1, id);
                task.setString(2, subject);
                task.setString(3, title.group(1));
                task.setTimestamp(4, now);
                task.setTimestamp(5, now);
                task.executeUpdate();
                Array fields = c.createArrayOf("text", new String[] {"title", "completed"});
                audit.setString(1, id.toString());
                audit.setString(2, subject);
                audit.setString(3, event.getRequestContext().getRequestId());
                audit.setString(4, UUID.randomUUID().toString());
                audit.setString(5, context.getAwsRequestId());
                audit.setTimestamp(6, now);
                audit.setArray(7, fields);
                audit.executeQuery().close();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String body = "{\"id\":\"" + id + "\",\"title\":\"" + title.group(1) + "\",\"description\":null,"
            + "\"completed\":false,\"createdAt\":\"" + now.toInstant() + "\",\"updatedAt\":\"" + now.toInstant()
            + "\",\"version\":1}";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
            .withHeaders(Map.of("Content-Type", "application/json", "Location", "/tasks/" + id, "ETag", "\"1\""))
            .withBody(body).build();
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
