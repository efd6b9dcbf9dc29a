package dev.atomicfunctions.benchmark;

/**
 * One request measured against its floor: the real handler and a plain-JDBC handler doing the same SQL, both fed
 * the same event. A new endpoint is one more of these.
 *
 * @param name          what the request is, for the report
 * @param handler       the real Lambda handler class (in the shaded jar)
 * @param floorHandler  the plain-JDBC handler class (in the test classes)
 * @param eventResource the API Gateway event, a classpath resource; {@code ${requestId}} is replaced per invocation
 */
record Scenario(String name, String handler, String floorHandler, String eventResource) {

    /** Every scenario the benchmark runs. */
    static final java.util.List<Scenario> ALL = java.util.List.of(
        new Scenario("POST /tasks (HTTP API v2)",
            "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction",
            "dev.atomicfunctions.benchmark.PlainJdbcHandler",
            "benchmark/post-task-v2.json"));
}
