package dev.atomicfunctions.faults;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.SimulatedFailover;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DB_ENGINE=aurora: the functions connect through the AWS Advanced JDBC Wrapper, and a writer failover meets a
 * transaction at each of its stages. The connection breaks for real (the fault proxy cuts the socket, withholds the
 * COMMIT, or drops its reply); the wrapper then reports the failover as its failover plugin does
 * ({@link SimulatedFailover}), with 08S02 or 08007, the connection already on the new writer. Whichever code it
 * says, what the attempt itself knows decides: a failure before COMMIT is run again, a failure at COMMIT is resolved
 * by asking the database, never re-run blindly. Either way one order, whole, and the stock conserved.
 */
@ExtendWith(TestDatabase.class)
class AuroraFailoverIT {

    /** Where the writer fails, and what its failure does to the transaction under way. */
    enum Stage {
        MID_TRANSACTION, COMMIT_NEVER_ARRIVED, COMMIT_DONE_REPLY_LOST;

        void arm(FaultProxy proxy, String reported) {
            switch (this) {
                case MID_TRANSACTION -> proxy.cutWhenSent("INSERT INTO \"customer_order\"");
                case COMMIT_NEVER_ARRIVED -> proxy.withholdCommit();
                case COMMIT_DONE_REPLY_LOST -> proxy.dropCommitReply();
            }
            SimulatedFailover.arm(reported);
        }
    }

    private static FaultProxy proxy;
    private static LocalApiGateway gateway;
    private static Http http;
    private static QueueHandler consumer;

    private final String owner = "failover-" + UUID.randomUUID();
    private final UUID pen = Catalogue.product("EUR", 150, 10);

    @BeforeAll
    static void startTheFunctionsOnAurora() throws IOException {
        SimulatedFailover.register();
        String url = TestDatabase.get().url();
        proxy = FaultProxy.toDatabase(url);
        Map<String, String> aurora = Map.of(
            "atomic.database.engine", "aurora",
            "datasources.default.url", "jdbc:aws-wrapper:" + proxy.url(url).substring("jdbc:".length()),
            "datasources.default.data-source-properties.wrapperProfileName", SimulatedFailover.PROFILE,
            "datasources.default.data-source-properties.wrapperDialect", "pg");
        gateway = LocalApiGateway.start(0, aurora);
        http = new Http(gateway.port());
        consumer = new QueueHandler(new LambdaApplicationContextBuilder()
            .properties(Map.<String, Object>copyOf(aurora)).build());
    }

    @AfterEach
    void heal() {
        SimulatedFailover.disarm();
        proxy.heal();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        consumer.close();
        proxy.close();
    }

    @ParameterizedTest(name = "{0}, reported {1}")
    @CsvSource({"MID_TRANSACTION, 08S02", "MID_TRANSACTION, 08007", "COMMIT_NEVER_ARRIVED, 08S02",
        "COMMIT_NEVER_ARRIVED, 08007", "COMMIT_DONE_REPLY_LOST, 08S02", "COMMIT_DONE_REPLY_LOST, 08007"})
    void anOrderMeetingAFailoverIsPlacedOnceWhole(Stage stage, String reported) {
        stage.arm(proxy, reported);

        Http.Response response = http.send("POST", "/orders", owner,
            "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":2}],\"note\":\"failover\"}");

        assertThat(SimulatedFailover.raised()).isEqualTo(reported);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        PlacedOrders.assertPlaced(owner, pen, 1);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", response.json().get("id")))
            .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Stage.class)
    void aMessageMeetingAFailoverIsHandledOnceAndAcknowledged(Stage stage) {
        stage.arm(proxy, SimulatedFailover.TRANSACTION_STATE_UNKNOWN);
        SQSEvent event = Messages.event(List.of(Messages.body("order-place.json",
            Map.of("id", "cmd-" + UUID.randomUUID(), "subject", owner, "product", pen.toString()))), null);

        SQSBatchResponse response = consumer.handleRequest(event, new TestLambdaContext("queue-consumer"));

        assertThat(SimulatedFailover.raised()).isEqualTo(SimulatedFailover.TRANSACTION_STATE_UNKNOWN);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(Catalogue.stock(pen)).isEqualTo(9);
        assertThat(Catalogue.conserved(pen)).isTrue();
    }
}
