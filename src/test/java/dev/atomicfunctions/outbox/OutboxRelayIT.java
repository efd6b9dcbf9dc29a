package dev.atomicfunctions.outbox;

import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.EventPipelineTest;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event half end to end, on real components: {@code POST /orders} through the API handler -> outbox -> relay ->
 * ElasticMQ (real SQS protocol, real SDK client) -> the event source emulation -> the queue handler -> exactly one
 * fulfilment task, whatever the redeliveries; and the relay's own failures.
 */
class OutboxRelayIT extends EventPipelineTest {

    @BeforeAll
    static void emptyTheEventsQueue() {
        TestQueue.drain(TestQueue.get().events(), 1_000);
    }

    @Test
    void turnsAPlacedOrderIntoExactlyOneFulfilmentTaskThroughTheQueue() {
        UUID product = Catalogue.product("EUR", 100, 5);

        String orderId = placeOrder(product);
        // The relay ran right after the commit: the event is already on the queue.
        assertThat(Db.rows("SELECT published_at FROM outbox_event WHERE aggregate_id = ?", orderId))
            .singleElement().satisfies(row -> assertThat(row.get("published_at")).isNotNull());
        pollUntilEmpty();

        assertThat(fulfilmentTasks(orderId)).isEqualTo(1);
        Http.Response warehouseTasks = http.send("GET", "/tasks", WAREHOUSE, null);
        assertThat(warehouseTasks.body()).contains("Pick and pack order " + orderId);
    }

    @Test
    void createsOneTaskPerOrderWhenEveryMessageIsDeliveredTwice() {
        UUID product = Catalogue.product("EUR", 100, 5);
        String orderId = placeOrder(product);
        List<Message> messages = TestQueue.drain(TestQueue.get().events(), 10);
        assertThat(messages).isNotEmpty();
        List<Message> twice = new ArrayList<>(messages);
        twice.addAll(messages);

        consume(twice);
        consume(messages);

        assertThat(fulfilmentTasks(orderId)).isEqualTo(1);
    }

    @Test
    void publishesAgainAfterARelayDiedBetweenSendingAndMarkingWithNoSecondEffect() throws IOException {
        UUID product = Catalogue.product("EUR", 100, 5);
        // The relay's connection is cut as it marks the event published, after sending it: the event stays pending.
        String url = TestDatabase.get().url();
        String orderId;
        try (FaultProxy proxy = FaultProxy.toDatabase(url);
             LocalApiGateway cutOff = LocalApiGateway.start(0, Map.of("datasources.default.url", proxy.url(url)))) {
            proxy.cutWhenSent("UPDATE outbox_event SET published_at");
            Http.Response placed = new Http(cutOff.port()).send("POST", "/orders", buyer,
                "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}");
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            assertThat(proxy.fired()).isTrue();
            orderId = (String) placed.json().get("id");
        }
        assertThat(Db.rows("SELECT published_at FROM outbox_event WHERE aggregate_id = ?", orderId))
            .singleElement().satisfies(row -> assertThat(row.get("published_at")).isNull());
        List<Message> firstSend = TestQueue.drain(TestQueue.get().events(), 10);

        Map<String, Object> run = ScheduledRuns.runOnce();
        List<Message> secondSend = TestQueue.drain(TestQueue.get().events(), 10);
        List<Message> both = new ArrayList<>(firstSend);
        both.addAll(secondSend);
        consume(both);

        assertThat(firstSend).hasSize(1);
        assertThat(run.get("relayedEvents")).isEqualTo(1);
        assertThat(Db.rows("SELECT published_at FROM outbox_event WHERE aggregate_id = ?", orderId))
            .singleElement().satisfies(row -> assertThat(row.get("published_at")).isNotNull());
        assertThat(fulfilmentTasks(orderId)).isEqualTo(1);
    }

    @Test
    void sharesTheBacklogBetweenTwoRelaysRunningAtOnceWithoutSendingAnythingTwice() throws Exception {
        ScheduledRuns.relayPendingAndEmptyTheQueues();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            UUID id = UUID.randomUUID();
            Db.rows("INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, created_at) "
                + "VALUES (?, 'test', ?, 'test.happened', '{\"n\": 1}', now()) RETURNING id", id, "agg-" + id);
            events.add(id.toString());
        }

        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(ScheduledRuns::runOnce);
        CompletableFuture<Map<String, Object>> second = CompletableFuture.supplyAsync(ScheduledRuns::runOnce);
        int relayed = (Integer) first.get().get("relayedEvents") + (Integer) second.get().get("relayedEvents");
        List<Message> sent = TestQueue.drain(TestQueue.get().events(), 1_000);

        assertThat(relayed).isEqualTo(25);
        assertThat(sent).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
            .containsExactlyInAnyOrderElementsOf(events);
        assertThat(events).allSatisfy(event -> assertThat(Db.count(
            "SELECT count(*) FROM outbox_event WHERE id = ?::uuid AND published_at IS NOT NULL", event)).isEqualTo(1));
    }

    @Test
    void publishesTheEventsOfOneAggregateInCommitOrder() {
        ScheduledRuns.relayPendingAndEmptyTheQueues();
        String aggregate = "agg-" + UUID.randomUUID();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = UUID.randomUUID();
            Db.rows("INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, created_at) "
                + "VALUES (?, 'test', ?, 'test.happened', '{}', now() + make_interval(secs => ?)) RETURNING id",
                id, aggregate, i / 1000.0);
            events.add(id.toString());
        }

        ScheduledRuns.runOnce();
        List<Message> sent = TestQueue.drain(TestQueue.get().events(), 1_000);

        assertThat(sent).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
            .containsExactlyElementsOf(events);
    }

    /** Prints the commit-to-queue latency (measured, not asserted: timings belong to no test). */
    @Test
    void relaysEveryEventRightAfterItsCommit() {
        UUID product = Catalogue.product("EUR", 100, 1_000);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String orderId = placeOrder(product);
            assertThat(Db.rows("SELECT published_at FROM outbox_event WHERE aggregate_id = ?", orderId))
                .singleElement().satisfies(row -> assertThat(row.get("published_at")).isNotNull());
            Instant committed = ((java.sql.Timestamp) Db.rows(
                "SELECT created_at FROM outbox_event WHERE aggregate_id = ?", orderId).getFirst().get("created_at"))
                .toInstant();
            Message message = TestQueue.drain(TestQueue.get().events(), 1).getFirst();
            long sent = Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
            latencies.add(sent - committed.toEpochMilli());
        }
        Collections.sort(latencies);
        System.out.printf("commit-to-queue latency over %d orders: p50 %d ms, p99 %d ms, max %d ms%n",
            latencies.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 99 / 100),
            latencies.getLast());
        assertThat(latencies).hasSize(40);
    }

    /**
     * A queue that accepts the connection and never answers: the answer waits for the relay no longer than its
     * budget (here 200 ms, where the queue call alone may take 10 s), and the event stays pending for the schedule.
     */
    @Test
    void aQueueThatNeverAnswersDelaysTheAnswerNoLongerThanTheRelayBudget() throws IOException {
        UUID product = Catalogue.product("EUR", 100, 5);
        try (ServerSocket silentQueue = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LocalApiGateway slow = LocalApiGateway.start(0, Map.of(
                 "atomic.outbox.endpoint", "http://127.0.0.1:" + silentQueue.getLocalPort(),
                 "atomic.outbox.queue-url", "http://127.0.0.1:" + silentQueue.getLocalPort() + "/1/silent.fifo",
                 "atomic.outbox.publish-timeout", "5s",
                 "atomic.outbox.after-commit-budget", "200ms"))) {
            Http client = new Http(slow.port());

            long start = System.nanoTime();
            Http.Response response = client.send("POST", "/orders", buyer,
                "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(elapsedMs).isLessThan(3_000);
            assertThat(Db.rows("SELECT published_at FROM outbox_event WHERE aggregate_id = ?",
                response.json().get("id"))).singleElement()
                .satisfies(row -> assertThat(row.get("published_at")).isNull());
        }
    }

    private static long fulfilmentTasks(String orderId) {
        return Db.count("SELECT count(*) FROM task WHERE owner_id = ? AND title = ?", WAREHOUSE,
            "Pick and pack order " + orderId);
    }
}
