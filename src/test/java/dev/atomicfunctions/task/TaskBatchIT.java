package dev.atomicfunctions.task;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /tasks/batch} over real HTTP. Database failures are real: a trigger this test installs refuses, for
 * marked titles, the task insert or its audit row with a chosen SQLSTATE. Nothing in the application is replaced or
 * told about the test. Every assertion on what was written reads the committed rows.
 */
class TaskBatchIT extends TaskHttpTestBase {

    /** A refusal of the item's data: integrity constraint class (23), the item fails alone. */
    private static final String EXPLODE = "explode-";
    /** A refusal of the audit row, after the task row was written in the same savepoint. */
    private static final String EXPLODE_AUDIT = "explode-audit-";
    /** query_canceled (57014): not the item's data; the whole batch fails. */
    private static final String CANCEL = "cancel-";
    /** connection_failure (08006): not the item's data; the whole batch fails. */
    private static final String DISCONNECT = "disconnect-";
    /** serialization_failure (40001), the first time only: the whole transaction is retried and then succeeds. */
    private static final String SERIALIZE_ONCE = "serialize-once-";

    @BeforeAll
    static void installFailingTriggers() {
        removeTriggers();
        // A sequence is not transactional: the first attempt's nextval stays taken when it rolls back.
        Db.execute("CREATE SEQUENCE test_batch_serialization_failures");
        Db.execute("""
            CREATE FUNCTION test_batch_refuse_task() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.title LIKE 'explode-audit-%' THEN RETURN NEW; END IF;
              IF NEW.title LIKE 'explode-%' THEN
                RAISE EXCEPTION 'task refused by test trigger' USING ERRCODE = '23514'; END IF;
              IF NEW.title LIKE 'cancel-%' THEN
                RAISE EXCEPTION 'statement cancelled by test trigger' USING ERRCODE = '57014'; END IF;
              IF NEW.title LIKE 'disconnect-%' THEN
                RAISE EXCEPTION 'connection failure by test trigger' USING ERRCODE = '08006'; END IF;
              IF NEW.title LIKE 'serialize-once-%' AND nextval('test_batch_serialization_failures') = 1 THEN
                RAISE EXCEPTION 'serialization failure by test trigger' USING ERRCODE = '40001'; END IF;
              RETURN NEW;
            END $$""");
        Db.execute("""
            CREATE TRIGGER test_batch_refuse_task BEFORE INSERT ON task FOR EACH ROW
            WHEN (NEW.title ~ '^(explode|cancel|disconnect|serialize-once)-') EXECUTE FUNCTION test_batch_refuse_task()""");
        Db.execute("""
            CREATE FUNCTION test_batch_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM task WHERE id::text = NEW.entity_id AND title LIKE 'explode-audit-%') THEN
                RAISE EXCEPTION 'audit refused by test trigger' USING ERRCODE = '23514'; END IF;
              RETURN NEW;
            END $$""");
        Db.execute("""
            CREATE TRIGGER test_batch_refuse_audit BEFORE INSERT ON audit_entry FOR EACH ROW
            WHEN (NEW.entity_type = 'task') EXECUTE FUNCTION test_batch_refuse_audit()""");
    }

    @AfterAll
    static void removeTriggers() {
        Db.execute("DROP TRIGGER IF EXISTS test_batch_refuse_task ON task");
        Db.execute("DROP TRIGGER IF EXISTS test_batch_refuse_audit ON audit_entry");
        Db.execute("DROP FUNCTION IF EXISTS test_batch_refuse_task()");
        Db.execute("DROP FUNCTION IF EXISTS test_batch_refuse_audit()");
        Db.execute("DROP SEQUENCE IF EXISTS test_batch_serialization_failures");
    }

    /**
     * The middle item fails in the database, after PostgreSQL had started executing it: without a real savepoint
     * (Micronaut Data before 4.14.4 silently made none) its error aborts the transaction and nothing commits.
     */
    @Test
    void commitsTheItemsAroundOneTheDatabaseRefuses() {
        String doomed = EXPLODE + UUID.randomUUID();

        Http.Response response = batch(alice, "", "first", doomed, "third");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.json();
        assertThat(body).containsEntry("created", 2).containsEntry("failed", 1);
        List<Map<String, Object>> results = results(body);
        assertCreated(results.get(0), 0, alice, "first");
        assertThat(results.get(1)).containsEntry("index", 1).containsEntry("status", 422).doesNotContainKey("id");
        assertThat(problem(results.get(1))).containsEntry("type", "urn:atomic-functions:problem:item-refused")
            .containsEntry("status", 422).containsKeys("title", "detail")
            .doesNotContainKeys("instance", "correlationId", "errors");
        assertCreated(results.get(2), 2, alice, "third");
        assertThat(response.body()).doesNotContain("trigger", "SQL", "23514", "check", "explode-", "Exception");
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", doomed)).isZero();
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(2);
    }

    /**
     * Seen from the database: a row's xmin is the (sub)transaction that wrote it. Each item's rows carry their own,
     * a subtransaction of its savepoint, shared by the task and its audit row; without savepoints every row would
     * carry the batch's one transaction id.
     */
    @Test
    void writesEachItemInASubtransactionOfItsOwn() {
        assertThat(batch(alice, "", "one", "two", "three").status()).isEqualTo(200);

        assertThat(Db.count("SELECT count(DISTINCT xmin::text) FROM task WHERE owner_id = ?", alice)).isEqualTo(3);
        assertThat(Db.count("""
            SELECT count(*) FROM task t JOIN audit_entry a ON a.entity_id = t.id::text
            WHERE t.owner_id = ? AND a.xmin::text = t.xmin::text""", alice)).isEqualTo(3);
    }

    /** The refusal comes from the item's second statement: its first (the task row) is undone with it. */
    @Test
    void rollsBackAnItemsTaskWhenItsAuditRowIsRefused() {
        String doomed = EXPLODE_AUDIT + UUID.randomUUID();

        Http.Response response = batch(alice, "", doomed, "kept");

        assertThat(response.status()).isEqualTo(200);
        List<Map<String, Object>> results = results(response.json());
        assertThat(results.get(0)).containsEntry("status", 422);
        assertCreated(results.get(1), 1, alice, "kept");
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", doomed)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(1);
    }

    @Test
    void failsAnInvalidItemAloneWithItsFieldErrors() {
        String body = "{\"items\":[{\"title\":\"valid\"},{\"title\":\"  \",\"description\":\"" + "d".repeat(4001)
            + "\"},{\"title\":\"" + "t".repeat(201) + "\"},{\"title\":\"also valid\",\"description\":\"\"}]}";

        Http.Response response = http.send("POST", "/tasks/batch", alice, body);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> answer = response.json();
        assertThat(answer).containsEntry("created", 2).containsEntry("failed", 2);
        List<Map<String, Object>> results = results(answer);
        assertCreated(results.get(0), 0, alice, "valid");
        assertThat(results.get(1)).containsEntry("index", 1).containsEntry("status", 400);
        assertThat(problem(results.get(1))).containsEntry("type", "urn:atomic-functions:problem:validation")
            .containsEntry("status", 400).containsEntry("errors", List.of(
                Map.of("field", "description", "message", "must be at most 4000 characters long"),
                Map.of("field", "title", "message", "must not be blank")));
        assertThat(problem(results.get(2)).get("errors")).isEqualTo(List.of(
            Map.of("field", "title", "message", "must be at most 200 characters long")));
        assertCreated(results.get(3), 3, alice, "also valid");
        assertThat(taskRow((String) results.get(3).get("id"))).containsEntry("description", null);
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(2);
    }

    /** However an item breaks a rule of POST /tasks, even one the reader enforces, it fails alone, named. */
    @Test
    void failsAnUnreadableItemAloneWithItsFieldError() throws IOException {
        String body = fixture("batch-unreadable-items.json");

        Http.Response response = http.send("POST", "/tasks/batch", alice, body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> answer = response.json();
        assertThat(answer).containsEntry("created", 2).containsEntry("failed", 6);
        List<Map<String, Object>> results = results(answer);
        assertCreated(results.get(0), 0, alice, "valid");
        assertThat(results.subList(1, 5)).extracting(r -> problem(r).get("errors")).containsExactly(
            List.of(Map.of("field", "title", "message", "must not contain NUL characters")),
            List.of(Map.of("field", "title", "message", "must not contain unpaired surrogate characters")),
            List.of(Map.of("field", "description", "message", "must not contain NUL characters")),
            List.of(Map.of("field", "title", "message", "must be a string")));
        assertThat(results.subList(5, 7)).extracting(r -> problem(r).get("detail"))
            .containsOnly("The value is not a JSON object of the documented shape.");
        assertThat(results.subList(1, 7)).allSatisfy(r -> assertThat(r).containsEntry("status", 400));
        assertCreated(results.get(7), 7, alice, "also valid");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(2);
    }

    @Test
    void atomicBatchWithOneFailedItemWritesNothingAndListsTheFailures() {
        String doomed = EXPLODE + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();

        Http.Response response = http.send("POST", "/tasks/batch?atomic=true", alice,
            "{\"items\":[{\"title\":\"one\"},{\"title\":\"" + doomed + "\"},{\"title\":\"\"},{\"title\":\"four\"}]}",
            "Idempotency-Key", key);

        assertProblem(response, 422);
        Map<String, Object> problem = response.json();
        assertThat(problem).containsEntry("type", "urn:atomic-functions:problem:batch-rejected");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) problem.get("failures");
        assertThat(failures).extracting(f -> f.get("index")).containsExactly(1, 2);
        assertThat(problem(failures.get(0))).containsEntry("status", 422)
            .containsEntry("type", "urn:atomic-functions:problem:item-refused");
        assertThat(problem(failures.get(1))).containsEntry("status", 400)
            .containsEntry("errors", List.of(Map.of("field", "title", "message", "must not be blank")));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isZero();
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void atomicBatchOfValidItemsCreatesThemAll() {
        Http.Response response = batch(alice, "?atomic=true", "a", "b", "c");

        assertThat(response.status()).isEqualTo(200);
        List<Map<String, Object>> results = results(response.json());
        assertThat(response.json()).containsEntry("created", 3).containsEntry("failed", 0);
        for (int i = 0; i < 3; i++) {
            assertCreated(results.get(i), i, alice, List.of("a", "b", "c").get(i));
        }
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(3);
    }

    /** The last item fails for a reason that is not its data: everything the batch wrote before it is undone. */
    @Test
    void aFailureThatIsNotTheItemsRollsBackTheWholeBatch() {
        Http.Response response = batch(alice, "", "one", "two", CANCEL + UUID.randomUUID());

        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("trigger", "57014", "cancel");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isZero();
    }

    /**
     * A connection-class error is never taken for the item's: the whole batch fails, nothing is written, and the
     * caller gets 503 with Retry-After. (Not a retry: HikariCP swaps a connection that reported 08xxx for a closed
     * one, the rollback and Micronaut's connection clean-up then fail on it, and each failure replaces the one
     * before, so the retrier only sees "connection is closed", which could as well have come from a COMMIT.)
     */
    @Test
    void aConnectionErrorInAnItemFailsTheWholeBatch() {
        Http.Response response = batch(bob, "", "one", "two", DISCONNECT + UUID.randomUUID());

        assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", bob)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", bob)).isZero();
    }

    /**
     * A serialization failure in the last item is not caught as the item's: it rolls back the whole transaction,
     * which {@code @RetryTransaction} runs again; the second attempt writes every item once.
     */
    @Test
    void retriesTheWholeBatchAfterASerializationFailureAndWritesEachItemOnce() {
        Db.execute("ALTER SEQUENCE test_batch_serialization_failures RESTART");
        String lucky = SERIALIZE_ONCE + UUID.randomUUID();

        Http.Response response = batch(alice, "", "one", "two", lucky);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("created", 3).containsEntry("failed", 0);
        List<Map<String, Object>> results = results(response.json());
        assertCreated(results.get(2), 2, alice, lucky);
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(3);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(3);
    }

    @Test
    void refusesAnEmptyBatchAndOneOfMoreThanAHundredItems() {
        Http.Response empty = http.send("POST", "/tasks/batch", alice, "{\"items\":[]}");
        Http.Response tooMany = batch(alice, "", IntStream.range(0, 101).mapToObj(i -> "t" + i).toArray(String[]::new));
        Http.Response hundred = batch(bob, "", IntStream.range(0, 100).mapToObj(i -> "t" + i).toArray(String[]::new));

        for (Http.Response refused : List.of(empty, tooMany)) {
            assertProblem(refused, 400);
            assertThat(refused.json().get("errors"))
                .isEqualTo(List.of(Map.of("field", "items", "message", "size must be between 1 and 100")));
        }
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
        assertThat(hundred.status()).isEqualTo(200);
        assertThat(hundred.json()).containsEntry("created", 100).containsEntry("failed", 0);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", bob)).isEqualTo(100);
    }

    @Test
    void refusesAnAtomicValueOtherThanTrueOrFalse() {
        Http.Response response = batch(alice, "?atomic=yes", "a");

        assertProblem(response, 400);
        assertThat(response.json().get("errors"))
            .isEqualTo(List.of(Map.of("field", "atomic", "message", "must be true or false")));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void replaysABatchRetriedWithTheSameKeyAndWritesOnce() {
        String key = "key-" + UUID.randomUUID();
        String body = body("one", EXPLODE + UUID.randomUUID(), "three");

        Http.Response first = http.send("POST", "/tasks/batch", alice, body, "Idempotency-Key", key);
        Http.Response retry = http.send("POST", "/tasks/batch", alice, body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(2);
    }

    @Test
    void refusesTheSameKeyForOtherItemsOrAnotherAtomicity() {
        String key = "key-" + UUID.randomUUID();
        http.send("POST", "/tasks/batch", alice, body("one", "two"), "Idempotency-Key", key);

        Http.Response otherItems = http.send("POST", "/tasks/batch", alice, body("one", "three"),
            "Idempotency-Key", key);
        Http.Response atomically = http.send("POST", "/tasks/batch?atomic=true", alice, body("one", "two"),
            "Idempotency-Key", key);

        for (Http.Response refused : List.of(otherItems, atomically)) {
            assertProblem(refused, 422);
            assertThat(refused.json()).containsEntry("type", "urn:atomic-functions:problem:idempotency-key-reused");
        }
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isEqualTo(2);
    }

    private static Http.Response batch(String owner, String query, String... titles) {
        return http.send("POST", "/tasks/batch" + query, owner, body(titles));
    }

    private static String body(String... titles) {
        List<Map<String, String>> items = new ArrayList<>();
        for (String title : titles) {
            items.add(Collections.singletonMap("title", title));
        }
        return Http.json(Map.of("items", items));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("results");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(Map<String, Object> result) {
        return (Map<String, Object>) result.get("problem");
    }

    /** The item's result names a task that is committed, the caller's, with its title and one CREATE audit row. */
    private static void assertCreated(Map<String, Object> result, int index, String owner, String title) {
        assertThat(result).containsEntry("index", index).containsEntry("status", 201).doesNotContainKey("problem");
        String id = (String) result.get("id");
        assertThat(taskRow(id)).containsEntry("owner_id", owner).containsEntry("title", title)
            .containsEntry("version", 1L);
        assertThat(Db.rows("SELECT action, actor FROM audit_entry WHERE entity_id = ?", id))
            .containsExactly(Map.of("action", "CREATE", "actor", owner));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TaskBatchIT.class.getResourceAsStream("/requests/tasks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
