package dev.atomicfunctions.task;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.GatewayHttpTest;
import dev.atomicfunctions.support.Http;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tasks API over real HTTP ({@link GatewayHttpTest}): the callers and task helpers the HTTP tests share. */
abstract class TaskHttpTestBase extends GatewayHttpTest {

    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    static String create(String owner, String title) {
        Http.Response response = http.send("POST", "/tasks", owner, "{\"title\":\"" + title + "\"}");
        assertThat(response.status()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    static Map<String, Object> taskRow(String id) {
        return Db.rows("SELECT * FROM task WHERE id = ?::uuid", id).getFirst();
    }
}
