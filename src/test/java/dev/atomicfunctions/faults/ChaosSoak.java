package dev.atomicfunctions.faults;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak ({@code ./mvnw -Pchaos}, not part of {@code verify}): mixed traffic through the local runner's API
 * Gateway and the real handler, against a PostgreSQL of its own behind a {@link FaultProxy}, with a fault injected
 * every {@value #FAULT_PERIOD_S} s in turn: backends terminated, a cut mid-statement, a COMMIT withheld, a COMMIT's
 * reply dropped, a black hole, latency, the server restarted. Clients behave as the README asks: they retry every
 * 503, half of them with an {@code Idempotency-Key}. At the end the invariants are read from the database
 * ({@link SoakInvariants}) and the figures written to {@code target/chaos-report.md}.
 */
public final class ChaosSoak {

    static final int FAULT_PERIOD_S = 10;
    private static final int CLIENTS = 8;
    static final int PRODUCTS = 5;
    static final int INITIAL_STOCK = 1_000_000;

    private final RestartableDatabase database;
    private final FaultProxy proxy;
    private final Http http;
    private final List<UUID> products;
    private final SoakRecord record = new SoakRecord();
    private volatile long faultUntilNanos;

    private ChaosSoak(RestartableDatabase database, FaultProxy proxy, Http http, List<UUID> products) {
        this.database = database;
        this.proxy = proxy;
        this.http = http;
        this.products = products;
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("chaos.minutes", 10));
        try (RestartableDatabase database = RestartableDatabase.start(Files.createTempDirectory("chaos-postgres"));
             FaultProxy proxy = FaultProxy.to(database.port());
             LocalApiGateway gateway = LocalApiGateway.start(0,
                 Map.of("datasources.default.url", proxy.url(database.url())))) {
            ChaosSoak soak = new ChaosSoak(database, proxy, new Http(gateway.port()),
                database.products(PRODUCTS, INITIAL_STOCK));
            String report = soak.run(length);
            System.out.println(report);
            Files.writeString(Path.of("target", "chaos-report.md"), report);
            System.exit(report.contains("| violations | 0 |") ? 0 : 1);
        }
    }

    private String run(Duration length) throws Exception {
        long stopAt = System.nanoTime() + length.toNanos();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<SoakClient>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            SoakClient client = new SoakClient("chaos-" + c + "-" + UUID.randomUUID(), c % 2 == 0, http, products,
                record, () -> System.nanoTime() < faultUntilNanos);
            running.add(clients.submit(() -> client.runUntil(stopAt)));
        }
        Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
        for (int n = 0; System.nanoTime() < stopAt - Duration.ofSeconds(FAULT_PERIOD_S).toNanos(); n++) {
            Thread.sleep(Duration.ofSeconds(FAULT_PERIOD_S));
            String fault = inject(n);
            faults.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        }
        List<SoakClient> done = new ArrayList<>();
        for (Future<SoakClient> client : running) {
            done.add(client.get());
        }
        clients.shutdown();
        proxy.heal();
        List<String> violations = new SoakInvariants(database, products).check(done);
        return record.report(length, faults, violations);
    }

    /** @return the name of the fault injected, the n-th in turn */
    private String inject(int n) throws Exception {
        faultUntilNanos = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        switch (n % 7) {
            case 0 -> database.terminateAppSessions();
            case 1 -> proxy.cutWhenSent("INSERT INTO \"customer_order\"");
            case 2 -> proxy.withholdCommit();
            case 3 -> proxy.dropCommitReply();
            case 4 -> during(Duration.ofSeconds(3), proxy::blackHole);
            case 5 -> during(Duration.ofSeconds(5), () -> proxy.latency(Duration.ofMillis(300)));
            default -> database.restart(Duration.ofSeconds(2));
        }
        return List.of("backends terminated", "cut mid-statement", "COMMIT withheld", "COMMIT reply dropped",
            "black hole 3 s", "latency 300 ms for 5 s", "server restarted (2 s down)").get(n % 7);
    }

    private void during(Duration length, Runnable fault) throws InterruptedException {
        fault.run();
        Thread.sleep(length);
        proxy.heal();
    }

    static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
