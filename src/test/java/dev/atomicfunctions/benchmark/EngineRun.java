package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.EmulatedDsql;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.Race;
import dev.atomicfunctions.support.TestDatabase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What each engine mode available here costs under contention, through the local API gateway (every in-flight request
 * on its own connection, as many Lambda environments): {@code rds} (PostgreSQL, READ COMMITTED, row locks),
 * {@code aurora} (the same through the AWS Advanced JDBC Wrapper) and {@code dsql} (PostgreSQL made to behave like DSQL:
 * REPEATABLE READ, no locks, conflicts retried; also with 8 attempts instead of 4). For each: the orders race (64
 * orders on a stock of 10), then a mixed run of {@code -Dengines.seconds} (60, after {@code -Dengines.warmup} seconds
 * not counted, 10) with {@code -Dengines.clients} (16) clients: 40% orders of one unit of one hot product, 20% orders
 * of one of 50 others, 10% cancellations of one's own order, 20% new tasks, 10% reads of an order. Retries are the
 * "transaction retried" log lines. Run with {@code ./mvnw -o -q exec:exec -Dexec.executable=$JAVA_HOME/bin/java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath dev.atomicfunctions.benchmark.EngineRun"}.
 */
public final class EngineRun {

    private EngineRun() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("engines.seconds", 60);
        int clients = Integer.getInteger("engines.clients", 16);
        int warmup = Integer.getInteger("engines.warmup", 10);
        TestDatabase.get();
        Map<String, Map<String, String>> engines = new java.util.LinkedHashMap<>();
        engines.put("rds", Map.of());
        engines.put("aurora", Map.of("atomic.database.engine", "aurora"));
        Map<String, String> dsql = EmulatedDsql.functionProperties();
        engines.put("dsql", dsql);
        Map<String, String> patientDsql = new java.util.HashMap<>(dsql);
        patientDsql.put("atomic.retry.max-attempts", "8");
        engines.put("dsql, 8 attempts", patientDsql);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> engine : engines.entrySet()) {
            String database = engine.getKey().startsWith("dsql") ? EmulatedDsql.DATABASE : null;
            try (LocalApiGateway gateway = LocalApiGateway.start(0, engine.getValue())) {
                Http http = new Http(gateway.port());
                mixed(http, database, warmup, clients);
                lines.add(engine.getKey() + " | " + race(http, database) + " | " + mixed(http, database, seconds,
                    clients));
            }
        }
        System.out.println("engine | race: placed, retries, answers | mixed: requests/s, p50, p99 ms, retries, "
            + "answers, conserved");
        lines.forEach(System.out::println);
    }

    private static <T> T on(String database, Supplier<T> work) {
        return database == null ? work.get() : Db.on(database, work);
    }

    private static String race(Http http, String database) throws Exception {
        UUID scarce = on(database, () -> Catalogue.product("EUR", 100, 10));
        try (LogCapture logs = new LogCapture()) {
            Map<String, Long> answers = new TreeMap<>();
            for (Http.Response response : Race.of(64, i -> () ->
                http.send("POST", "/orders", "racer-" + UUID.randomUUID(), order(scarce)))) {
                answers.merge(answer(response), 1L, Long::sum);
            }
            return answers.getOrDefault("201", 0L) + " placed, " + retries(logs) + " retries, " + answers;
        }
    }

    private static String mixed(Http http, String database, int seconds, int clients) throws Exception {
        UUID hot = on(database, () -> Catalogue.product("EUR", 100, 1_000_000));
        List<UUID> cold = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            cold.add(on(database, () -> Catalogue.product("EUR", 100, 100_000)));
        }
        Map<String, Long> answers = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong requests = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (LogCapture logs = new LogCapture(); ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                String subject = "mixed-" + UUID.randomUUID();
                threads.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        Http.Response response = step(http, subject, hot, cold, mine);
                        latencies.add(System.nanoTime() - started);
                        requests.incrementAndGet();
                        answers.merge(answer(response), 1L, Long::sum);
                    }
                    return null;
                });
            }
            threads.shutdown();
            threads.awaitTermination(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS);
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            boolean conserved = on(database, () -> Catalogue.conserved(hot)
                && cold.stream().allMatch(Catalogue::conserved));
            return String.format("%.0f/s, %.1f, %.1f, %d retries, %s, %s", requests.get() / (double) seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, retries(logs),
                new TreeMap<>(answers), conserved ? "conserved" : "NOT CONSERVED");
        }
    }

    private static Http.Response step(Http http, String subject, UUID hot, List<UUID> cold, List<String> mine) {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 60) {
            UUID product = dice < 40 ? hot : cold.get(ThreadLocalRandom.current().nextInt(cold.size()));
            Http.Response placed = http.send("POST", "/orders", subject, order(product));
            if (placed.status() == 201) {
                mine.add((String) placed.json().get("id"));
            }
            return placed;
        }
        if (dice < 70 && !mine.isEmpty()) {
            return http.send("POST", "/orders/" + mine.removeLast() + "/cancel", subject, null);
        }
        if (dice < 90) {
            return http.send("POST", "/tasks", subject, "{\"title\":\"mixed\"}");
        }
        return mine.isEmpty() ? http.send("GET", "/tasks?limit=5", subject, null)
            : http.send("GET", "/orders/" + mine.getLast(), subject, null);
    }

    private static String order(UUID product) {
        return "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
    }

    private static String answer(Http.Response response) {
        if (response.status() < 400) {
            return Integer.toString(response.status());
        }
        Object type = response.json().get("type");
        return response.status() + " " + String.valueOf(type).replace("urn:atomic-functions:problem:", "");
    }

    private static long retries(LogCapture logs) {
        return logs.of("transaction").stream()
            .filter(e -> e.getFormattedMessage().startsWith("transaction retried")).count();
    }
}
