package dev.atomicfunctions.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * One request measured against its floor: the real handler and a plain-JDBC handler doing the same SQL, both fed
 * the same event. A new endpoint is one more of these.
 *
 * @param name          what the request is, for the report
 * @param handler       the real Lambda handler class (in the shaded jar)
 * @param floorHandler  the plain-JDBC handler class (in the test classes, without nested classes: it is packed
 *                      alone into its own deployment package)
 * @param eventResource the API Gateway event, a classpath resource; {@code ${requestId}} is replaced per invocation
 * @param seedResource  SQL run once after the migrations, before any run (the rows the event names), a classpath
 *                      resource; {@code null} when the scenario needs none
 */
record Scenario(String name, String handler, String floorHandler, String eventResource, String seedResource) {

    private static final String API_HANDLER = "dev.atomicfunctions.http.request.HttpApiFunction";

    /** Every scenario the benchmark runs. */
    static final List<Scenario> ALL = List.of(
        new Scenario("POST /tasks (HTTP API v2)", API_HANDLER,
            "dev.atomicfunctions.benchmark.PlainJdbcHandler",
            "benchmark/post-task-v2.json", null),
        new Scenario("POST /orders, 3 lines (HTTP API v2)", API_HANDLER,
            "dev.atomicfunctions.benchmark.PlainJdbcOrderHandler",
            "benchmark/post-order-v2.json", "benchmark/post-order-seed.sql"));

    /** A short name for the files of this scenario: its event file's name without extension. */
    String slug() {
        String file = Path.of(eventResource).getFileName().toString();
        return file.substring(0, file.lastIndexOf('.'));
    }
}
