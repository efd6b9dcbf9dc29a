package dev.atomicfunctions.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart: a checkpoint taken after requests were served holds no database connection, and the restored function
 * serves the next request. Checkpoint and restore are simulated with micronaut-crac's simulator, which runs the
 * same CRaC resources Lambda runs around a snapshot.
 */
@ExtendWith(TestDatabase.class)
class SnapStartIT {

    private static final String POOL = "snapstart-" + UUID.randomUUID();

    @Test
    void closesEveryConnectionBeforeTheSnapshotAndServesAfterRestore() throws InterruptedException {
        String owner = "snap-" + UUID.randomUUID();
        try (APIGatewayV2HTTPEventFunction handler = new APIGatewayV2HTTPEventFunction(
            new LambdaApplicationContextBuilder()
                .properties(Map.of("datasources.default.data-source-properties.ApplicationName", POOL)).build())) {
            assertThat(create(handler, owner, "before the snapshot").getStatusCode()).isEqualTo(201);
            assertThat(connections()).isEqualTo(1);
            CheckpointSimulator snapshot = simulator(handler);

            snapshot.runBeforeCheckpoint();
            awaitConnections(0);
            snapshot.runAfterRestore();
            APIGatewayV2HTTPResponse afterRestore = create(handler, owner, "after the restore");

            assertThat(afterRestore.getStatusCode()).isEqualTo(201);
            assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(2);
            assertThat(connections()).isEqualTo(1);
        }
    }

    /**
     * micronaut-crac's simulator over the handler's CRaC resources, in their order. Built here because the shaded
     * jar's Micronaut AOT service list leaves out beans of the test environment, the simulator among them.
     */
    private static CheckpointSimulator simulator(APIGatewayV2HTTPEventFunction handler) {
        List<OrderedResource> resources = new ArrayList<>(
            handler.getApplicationContext().getBeansOfType(OrderedResource.class));
        OrderUtil.sort(resources);
        assertThat(resources).as("CRaC resources registered by the function").isNotEmpty();
        return new DefaultCheckpointSimulator(resources);
    }

    private static APIGatewayV2HTTPResponse create(APIGatewayV2HTTPEventFunction handler, String owner, String title) {
        return handler.handleRequest(Events.v2("POST", "/tasks", owner, "{\"title\":\"" + title + "\"}"),
            new TestLambdaContext("tasks-api"));
    }

    private static long connections() {
        return Db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", POOL);
    }

    /** Hikari closes evicted connections on its own thread: wait (bounded) for the server to see them go. */
    private static void awaitConnections(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connections()).as("connections of the pool at checkpoint").isEqualTo(expected);
    }
}
