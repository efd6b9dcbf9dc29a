package dev.atomicfunctions.http;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The valid request of each operation ({@code contract/operations.json}), made concrete (its placeholders become
 * resources created for it), and the ways {@link ApiContractIT} turns it into each documented status.
 */
final class ContractRequests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");
    private static final Map<String, String> TABLES = Map.of("tasks", "task", "orders", "customer_order",
        "products", "product");

    private static final List<Sample> SAMPLES = read();

    private final Http http;
    // The owner of every resource, and an administrator of the catalogue; the customer is not one.
    private static final String OWNER = "contract-" + UUID.randomUUID();
    private static final String CUSTOMER = "customer-" + UUID.randomUUID();

    ContractRequests(Http http) {
        this.http = http;
    }

    /**
     * One operation's valid request, as in the fixture.
     *
     * @param method  HTTP method
     * @param path    path and query, with placeholders ({@code {task}}, {@code {product}}, ...)
     * @param success the status it answers
     * @param body    JSON body with placeholders, or {@code null}
     * @param admin   whether only administrators may send it
     */
    record Sample(String method, String path, int success, @Nullable String body, boolean admin) {

        boolean namesOneResource() {
            return PLACEHOLDER.matcher(path).find();
        }

        /** @return whether it reads input beyond its path (a query, a body, a key), which can be invalid */
        boolean readsInput() {
            return body != null || path.contains("?") || takesIdempotencyKey();
        }

        boolean takesIdempotencyKey() {
            return "POST".equals(method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * A request ready to send; each {@code with...} gives a changed copy. Its sample is {@code null} for a request
     * that only sets up a resource.
     */
    record Resolved(@Nullable Sample sample, String method, String target, @Nullable String body, @Nullable String subject,
                    List<String> headers) {

        Resolved anonymous() {
            return new Resolved(sample, method, target, body, null, headers);
        }

        Resolved withHeader(String name, String value) {
            List<String> changed = new ArrayList<>(headers);
            changed.addAll(List.of(name, value));
            return new Resolved(sample, method, target, body, subject, changed);
        }

        Resolved withBody(String changed) {
            return new Resolved(sample, method, target, changed, subject, headers);
        }

        Resolved onTarget(String changed) {
            return new Resolved(sample, method, changed, body, subject, headers);
        }

        Resolved asSubject(String changed) {
            return new Resolved(sample, method, target, body, changed, headers);
        }

        /** @return the same request with input the API refuses: an empty body, a limit of 0, a malformed key */
        Resolved invalid() {
            if (body != null) {
                return withBody("{}");
            }
            if (target.contains("limit=")) {
                return onTarget(target.replaceAll("limit=\\d+", "limit=0"));
            }
            return withHeader("Idempotency-Key", "not a valid key");
        }

        /** @return the same request on a resource that does not exist */
        Resolved ofAnotherResource() {
            return onTarget(target.replaceFirst("(.*)[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}",
                "$1" + UUID.randomUUID()));
        }
    }

    /** @return the fixture's samples, one per documented operation */
    static List<Sample> samples() {
        return SAMPLES;
    }

    private static List<Sample> read() {
        try (InputStream in = ContractRequests.class.getResourceAsStream("/contract/operations.json")) {
            ObjectMapper json = ObjectMapper.getDefault();
            List<Map<String, Object>> rows = json.readValue(in, Argument.listOf(Argument.mapOf(String.class,
                Object.class)));
            return rows.stream().map(row -> new Sample((String) row.get("method"), (String) row.get("path"),
                ((Number) row.get("success")).intValue(),
                row.containsKey("body") ? Http.json(map(row.get("body"))) : null,
                Boolean.TRUE.equals(row.get("admin")))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the sample with this method and path */
    static Sample sample(String method, String path) {
        return samples().stream().filter(s -> s.method().equals(method) && s.path().equals(path)).findFirst()
            .orElseThrow();
    }

    /** @return the sample made concrete: each placeholder a resource created for this request alone */
    Resolved resolve(Sample sample) {
        Map<String, String> values = new java.util.HashMap<>();
        String target = substitute(sample.path(), values);
        String body = sample.body() == null ? null : substitute(sample.body(), values);
        return new Resolved(sample, sample.method(), target, body, OWNER, List.of());
    }

    Http.Response send(Resolved request) {
        List<String> headers = new ArrayList<>(request.headers());
        if (OWNER.equals(request.subject())) {
            headers.addAll(List.of(LocalApiGateway.DEV_GROUPS_HEADER, "users,admin"));
        }
        return http.send(request.method(), request.target(), request.subject(), request.body(),
            headers.toArray(String[]::new));
    }

    /** @return the request as sent by a caller who is not an administrator */
    Resolved asCustomer(Resolved request) {
        return request.asSubject(CUSTOMER);
    }

    /**
     * The key is first used for another request of the same operation: another body on the same resource, or (with
     * no body) another resource.
     */
    Http.Response reusingKeyForAnotherRequest(Sample sample) {
        String key = UUID.randomUUID().toString();
        Resolved first = resolve(sample).withHeader("Idempotency-Key", key);
        assertThat(send(first).status()).isEqualTo(sample.success());
        Resolved other = resolve(sample).withHeader("Idempotency-Key", key);
        return send(first.body() == null ? other : other.onTarget(first.target()));
    }

    /**
     * Another request with the same key commits while this one runs: a transaction holds the record such a
     * request writes (copied from a real one) until this request waits on it, then commits.
     */
    Http.Response whileTheSameKeyCommitsFirst(Sample sample) {
        String used = UUID.randomUUID().toString();
        Resolved first = resolve(sample).withHeader("Idempotency-Key", used);
        assertThat(send(first).status()).isEqualTo(sample.success());
        String key = UUID.randomUUID().toString();
        Resolved second = resolve(sample).withHeader("Idempotency-Key", key);
        return whileHolding("""
            INSERT INTO idempotency_record (owner_id, operation, idempotency_key, fingerprint, response, created_at)
            SELECT owner_id, operation, ?, fingerprint, response, now() FROM idempotency_record
            WHERE owner_id = ? AND idempotency_key = ?""", List.of(key, OWNER, used),
            first.body() == null ? second : second.onTarget(first.target()));
    }

    /**
     * Another writer changes (for a PATCH) or deletes (for a DELETE) the resource between this request's read and its
     * write, and commits first.
     */
    Http.Response whileAnotherWriterCommitsFirst(Resolved request) {
        String[] segments = request.target().split("/");
        String table = TABLES.get(segments[1]);
        String write = "DELETE".equals(request.method()) ? "DELETE FROM " + table + " WHERE id = ?::uuid"
            : "UPDATE " + table + " SET version = version + 1 WHERE id = ?::uuid";
        return whileHolding(write, List.of(segments[2]), request);
    }

    private Http.Response whileHolding(String sql, List<Object> params, Resolved request) {
        try (Connection holder = Db.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement statement = holder.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Http.Response> response = CompletableFuture.supplyAsync(() -> send(request));
            awaitABlockedBackend();
            holder.commit();
            return response.join();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitABlockedBackend() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 0) {
            assertThat(Instant.now()).as("a request waiting on the held row").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private String substitute(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.computeIfAbsent(matcher.group(1), name -> create(name, values));
            matcher.appendReplacement(result, value);
        }
        return matcher.appendTail(result).toString();
    }

    private String create(String placeholder, Map<String, String> values) {
        return switch (placeholder) {
            case "unique" -> UUID.randomUUID().toString();
            case "sku" -> "SKU-" + UUID.randomUUID();
            case "product" -> stockedProduct();
            case "movement" -> created("POST", "/products/" + values.get("product") + "/stock-movements",
                "{\"kind\":\"RECEIPT\",\"quantity\":1,\"reason\":\"contract\"}");
            case "task" -> created("POST", "/tasks", "{\"title\":\"Contract\"}");
            case "order" -> created("POST", "/orders", "{\"lines\":[{\"productId\":\"" + stockedProduct()
                + "\",\"quantity\":1}]}");
            case "cancelled-order" -> {
                String order = create("order", values);
                assertThat(send(new Resolved(null, "POST", "/orders/" + order + "/cancel", null, OWNER, List.of()))
                    .status()).isEqualTo(200);
                yield order;
            }
            default -> throw new IllegalArgumentException(placeholder);
        };
    }

    private String created(String method, String path, String body) {
        Http.Response response = send(new Resolved(null, method, path, body, OWNER, List.of()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private static String stockedProduct() {
        return Catalogue.product("EUR", 1250, 1000).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
