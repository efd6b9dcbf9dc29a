package dev.atomicfunctions.faults;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aurora Serverless v2 paused at 0 ACU takes up to about 15 s to resume, and the first connection after a pause
 * waits that long. A request meanwhile gets a clear 503 with Retry-After (here the stack's 15 s for a pausing
 * cluster) before its function's 10 s timeout, with nothing written, and the connection attempt goes on behind it:
 * once the database has resumed, the next request succeeds.
 */
@ExtendWith(TestDatabase.class)
class ResumingDatabaseIT {

    private static FaultProxy proxy;
    private static LocalApiGateway gateway;
    private static Http http;

    private final String owner = "resuming-" + UUID.randomUUID();
    private final UUID pen = Catalogue.product("EUR", 150, 10);

    @BeforeAll
    static void startTheApiOnAPausedDatabase() throws IOException {
        String url = TestDatabase.get().url();
        proxy = FaultProxy.toDatabase(url);
        proxy.pauseNewConnections(Duration.ofSeconds(15));
        gateway = LocalApiGateway.start(0, Map.of("atomic.database.engine", "aurora",
            "datasources.default.url", proxy.url(url), "atomic.http.retry-after-seconds", "15"));
        http = new Http(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        proxy.close();
    }

    @Test
    void aRequestWhileTheDatabaseResumesIsAnswered503WithRetryAfterInTimeAndTheNextOneSucceedsOnceResumed() {
        long start = System.nanoTime();
        Http.Response waiting = placeOrder();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(waiting.status()).as(waiting.body()).isEqualTo(503);
        assertThat(waiting.json()).containsEntry("type", "urn:atomic-functions:problem:database-unavailable");
        assertThat(waiting.header("Retry-After")).isEqualTo("15");
        assertThat(elapsedMs).isLessThan(10_000);
        PlacedOrders.assertPlaced(owner, pen, 0);

        proxy.heal();
        Http.Response resumed = placeOrder();

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        PlacedOrders.assertPlaced(owner, pen, 1);
    }

    private Http.Response placeOrder() {
        return http.send("POST", "/orders", owner,
            "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":2}],\"note\":\"resuming\"}");
    }
}
