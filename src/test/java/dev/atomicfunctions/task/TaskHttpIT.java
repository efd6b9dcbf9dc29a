package dev.atomicfunctions.task;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, reading, listing, changing and deleting tasks over HTTP, and what each leaves in the database. */
class TaskHttpIT extends TaskHttpTestBase {

    @Test
    void createsTaskAndAnswersWithTheStoredValues() {
        Http.Response response = http.send("POST", "/tasks", alice,
            "{\"title\":\"Buy milk\",\"description\":\"2 litres\"}", "X-Correlation-Id", "corr-create-1");

        assertThat(response.status()).isEqualTo(201);
        Map<String, Object> body = response.json();
        String id = (String) body.get("id");
        assertThat(response.header("Location")).isEqualTo("/tasks/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        Map<String, Object> row = taskRow(id);
        assertThat(row).containsEntry("owner_id", alice).containsEntry("title", "Buy milk")
            .containsEntry("description", "2 litres").containsEntry("completed", false).containsEntry("version", 1L);
        assertThat(body).containsEntry("title", "Buy milk").containsEntry("description", "2 litres")
            .containsEntry("completed", false).containsEntry("version", 1);
        assertThat(Instant.parse((String) body.get("createdAt"))).isEqualTo(instant(row.get("created_at")));
        assertThat(Instant.parse((String) body.get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        Map<String, Object> audit = Db.rows("SELECT * FROM audit_entry WHERE entity_id = ?", id).getFirst();
        assertThat(audit).containsEntry("action", "CREATE").containsEntry("entity_type", "task")
            .containsEntry("actor", alice).containsEntry("correlation_id", "corr-create-1");
        assertThat(audit.get("request_id")).isNotNull();
        assertThat(changedFields(audit)).containsExactly("title", "description", "completed");
    }

    @Test
    void tellsALocalCallerWithoutIdentityWhichHeaderStandsInForTheToken() {
        Http.Response response = http.send("GET", "/tasks", null, null);

        assertProblem(response, 401);
        assertThat((String) response.json().get("detail")).contains("X-Dev-Subject").doesNotContain("bearer token whose");
    }

    @Test
    void returnsOwnTaskWithItsEntityTag() {
        String id = create(alice, "Read a book");

        Http.Response response = http.send("GET", "/tasks/" + id, alice, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("id", id).containsEntry("title", "Read a book");
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void listsOnlyTheCallersTasksNewestFirstAcrossPages() {
        List<String> created = List.of(create(alice, "a1"), create(alice, "a2"), create(alice, "a3"),
            create(alice, "a4"), create(alice, "a5"));
        create(bob, "b1");

        Map<String, Object> first = http.send("GET", "/tasks?limit=2", alice, null).json();
        Map<String, Object> second = http.send("GET", "/tasks?limit=2&cursor=" + first.get("nextCursor"), alice, null).json();
        Map<String, Object> third = http.send("GET", "/tasks?limit=2&cursor=" + second.get("nextCursor"), alice, null).json();

        assertThat(ids(first)).containsExactly(created.get(4), created.get(3));
        assertThat(ids(second)).containsExactly(created.get(2), created.get(1));
        assertThat(ids(third)).containsExactly(created.get(0));
        assertThat(third.get("nextCursor")).isNull();
    }

    @Test
    void filtersTheListByCompletion() {
        String done = create(alice, "done");
        String open = create(alice, "open");
        http.send("PATCH", "/tasks/" + done, alice, "{\"completed\":true}");

        assertThat(ids(http.send("GET", "/tasks?completed=true", alice, null).json())).containsExactly(done);
        assertThat(ids(http.send("GET", "/tasks?completed=false", alice, null).json())).containsExactly(open);
    }

    @Test
    void updatesOnlyTheGivenFieldsAndAuditsThem() {
        String id = create(alice, "Write report");

        Http.Response response = http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}", "If-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        Map<String, Object> row = taskRow(id);
        assertThat(row).containsEntry("title", "Write report").containsEntry("completed", true)
            .containsEntry("version", 2L);
        assertThat(Instant.parse((String) response.json().get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("completed");
    }

    @Test
    void removesTheDescriptionWhenPatchedWithAnEmptyString() {
        String id = (String) http.send("POST", "/tasks", alice, "{\"title\":\"t\",\"description\":\"d\"}").json().get("id");

        http.send("PATCH", "/tasks/" + id, alice, "{\"description\":\"\"}");

        assertThat(taskRow(id).get("description")).isNull();
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("description");
    }

    @Test
    void rejectsStaleIfMatchWithoutWriting() {
        String id = create(alice, "Plan trip");
        http.send("PATCH", "/tasks/" + id, alice, "{\"title\":\"Plan a trip\"}");

        Http.Response response = http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}", "If-Match", "\"1\"");

        assertProblem(response, 412);
        assertThat(taskRow(id)).containsEntry("completed", false).containsEntry("version", 2L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id)).isEqualTo(1);
    }

    @Test
    void deletesTaskAndAuditsTheDeletion() {
        String id = create(alice, "Throw away");

        Http.Response response = http.send("DELETE", "/tasks/" + id, alice, null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(Db.count("SELECT count(*) FROM task WHERE id = ?::uuid", id)).isZero();
        assertThat(lastAudit(id, "DELETE")).containsEntry("actor", alice);
        assertThat(http.send("GET", "/tasks/" + id, alice, null).status()).isEqualTo(404);
    }

    @Test
    void keepsATaskWhoseDeletionNamesAStaleVersion() {
        String id = create(alice, "Keep me");
        http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}");

        Http.Response response = http.send("DELETE", "/tasks/" + id, alice, null, "If-Match", "\"1\"");

        assertProblem(response, 412);
        assertThat(taskRow(id)).containsEntry("version", 2L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'DELETE'", id)).isZero();
    }

    @Test
    void hidesAnotherCallersTaskAndLeavesItUntouched() {
        String id = create(alice, "Private");

        try (LogCapture logs = new LogCapture()) {
            List<Integer> statuses = List.of(
                http.send("GET", "/tasks/" + id, bob, null).status(),
                http.send("PATCH", "/tasks/" + id, bob, "{\"title\":\"Mine now\"}").status(),
                http.send("DELETE", "/tasks/" + id, bob, null).status());

            assertThat(statuses).containsOnly(404);
            assertThat(logs.of("security")).hasSize(3)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("caller", bob));
        }
        assertThat(taskRow(id)).containsEntry("title", "Private").containsEntry("version", 1L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND actor = ?", id, bob)).isZero();
    }
}
