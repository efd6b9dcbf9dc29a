package dev.atomicfunctions.http;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route and every status the OpenAPI document declares, caused for real through the real HTTP API handler and
 * checked by a real OpenAPI validator (request and response, headers and bodies): the document cannot promise what
 * the API does not do, nor the API answer what the document does not say. The valid request of each operation is a
 * fixture ({@code contract/operations.json}); each status is caused from it the way a caller or a failure would:
 * no identity, an Accept it cannot meet, a body over the limit, an unknown id, an old version, a concurrent writer
 * that commits first, a schema the database no longer has (500), a database that does not answer (503).
 */
@ExtendWith(TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractIT {

    private static final List<Http> CLIENTS = new ArrayList<>();
    private static LocalApiGateway gateway;
    private static Http http;
    private static ContractRequests requests;

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = LocalApiGateway.start(0);
        http = client(gateway);
        requests = new ContractRequests(http);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    static List<ContractRequests.Sample> operations() {
        return ContractRequests.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    @Order(1)
    void answersEveryOperationAsDocumented(ContractRequests.Sample sample) {
        assertThat(requests.send(requests.resolve(sample)).status()).isEqualTo(sample.success());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    @Order(2)
    void refusesWhatEveryOperationRefuses(ContractRequests.Sample sample) {
        assertThat(requests.send(requests.resolve(sample).anonymous()).status()).isEqualTo(401);
        assertThat(requests.send(requests.resolve(sample).withHeader("Accept", "image/png")).status()).isEqualTo(406);
        assertThat(requests.send(requests.resolve(sample).withBody("{\"padding\":\"" + "x".repeat(40_000) + "\"}"))
            .status()).isEqualTo(413);
        if (sample.readsInput()) {
            assertThat(requests.send(requests.resolve(sample).invalid()).status()).isEqualTo(400);
        }
        if (sample.body() != null) {
            assertThat(requests.send(requests.resolve(sample).withHeader("Content-Type", "text/plain")).status())
                .isEqualTo(415);
        }
        if (sample.namesOneResource()) {
            assertThat(requests.send(requests.resolve(sample).ofAnotherResource()).status()).isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void refusesWritesToAnOldVersionOrOneChangedConcurrently() {
        for (String path : List.of("/tasks/{task}", "/orders/{order}", "/products/{product}")) {
            ContractRequests.Sample patch = ContractRequests.sample("PATCH", path);
            assertThat(requests.send(requests.resolve(patch).withHeader("If-Match", "\"999\"")).status())
                .isEqualTo(412);
            assertThat(requests.whileAnotherWriterCommitsFirst(requests.resolve(patch)).status()).isEqualTo(409);
        }
        for (String path : List.of("/tasks/{task}", "/orders/{cancelled-order}")) {
            ContractRequests.Sample delete = ContractRequests.sample("DELETE", path);
            assertThat(requests.send(requests.resolve(delete).withHeader("If-Match", "\"999\"")).status())
                .isEqualTo(412);
        }
        // An order is read locked before it is deleted (its state decides), so a concurrent delete makes it a 404;
        // its 409 is the state's (below). A task is not: a concurrent delete between its read and its write is a 409.
        ContractRequests.Sample deleteTask = ContractRequests.sample("DELETE", "/tasks/{task}");
        assertThat(requests.whileAnotherWriterCommitsFirst(requests.resolve(deleteTask)).status()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void refusesWhatTheStateOrTheKeyForbids() {
        for (ContractRequests.Sample sample : ContractRequests.samples()) {
            if (sample.takesIdempotencyKey()) {
                assertThat(requests.reusingKeyForAnotherRequest(sample).status())
                    .as("%s with a reused key", sample).isEqualTo(422);
                assertThat(requests.whileTheSameKeyCommitsFirst(sample).status())
                    .as("%s while the same key commits", sample).isEqualTo(409);
            }
            if (sample.admin()) {
                assertThat(requests.send(requests.asCustomer(requests.resolve(sample))).status()).isEqualTo(403);
            }
        }
        String placed = requests.resolve(ContractRequests.sample("GET", "/orders/{order}")).target();
        assertThat(requests.send(requests.resolve(ContractRequests.sample("DELETE", "/orders/{cancelled-order}"))
            .onTarget(placed)).status()).as("deleting a placed order").isEqualTo(409);
    }

    @Test
    @Order(5)
    void answers500WhenTheDatabaseRefusesUnexpectedly() {
        List<ContractRequests.Resolved> resolved = ContractRequests.samples().stream().map(requests::resolve).toList();
        Db.execute("ALTER SCHEMA public RENAME TO contract_away; CREATE SCHEMA public");
        try {
            resolved.forEach(request -> assertThat(requests.send(request).status()).as(request.target()).isEqualTo(500));
        } finally {
            Db.execute("DROP SCHEMA public; ALTER SCHEMA contract_away RENAME TO public");
        }
    }

    @Test
    @Order(6)
    void answers503WithRetryAfterWhenTheDatabaseDoesNotAnswer() throws IOException {
        List<ContractRequests.Resolved> resolved = ContractRequests.samples().stream().map(requests::resolve).toList();
        // Nothing listens on port 1: every connection is refused, within Hikari's shortest wait.
        try (LocalApiGateway unreachable = LocalApiGateway.start(0, Map.of(
            "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/atomic",
            "datasources.default.connection-timeout", "250"))) {
            ContractRequests elsewhere = new ContractRequests(client(unreachable));
            resolved.forEach(request -> {
                Http.Response response = elsewhere.send(request);
                assertThat(response.status()).as(request.target()).isEqualTo(503);
                assertThat(response.header("Retry-After")).isNotBlank();
            });
            // Who may write is decided before any connection is taken: a refusal needs no database.
            resolved.stream().filter(request -> request.sample().admin()).forEach(request ->
                assertThat(elsewhere.send(requests.asCustomer(request)).status()).as(request.target()).isEqualTo(403));
        }
    }

    @Test
    @Order(7)
    void coversEveryDeclaredStatusOfEveryOperation() {
        OpenApiContract contract = OpenApiContract.load();

        List<String> covered = CLIENTS.stream().flatMap(client -> contract.assertDescribes(client.exchanges()).stream())
            .distinct().toList();

        assertThat(covered).containsExactlyInAnyOrderElementsOf(contract.documentedStatuses());
    }

    private static Http client(LocalApiGateway gateway) {
        Http client = new Http(gateway.port());
        CLIENTS.add(client);
        return client;
    }
}
