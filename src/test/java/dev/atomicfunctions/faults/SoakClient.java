package dev.atomicfunctions.faults;

import dev.atomicfunctions.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One client of the soak, as the README asks clients to behave: every 503 is retried (after a short pause), with
 * the same {@code Idempotency-Key} when the client sends keys. It counts what it was told: orders and tasks created,
 * answers it did not expect, outcomes it was told are unknown.
 */
final class SoakClient {

    private static final Set<Integer> EXPECTED = Set.of(200, 201, 409, 503);

    final String subject;
    final boolean withKeys;
    private final Http http;
    private final List<UUID> products;
    private final SoakRecord record;
    private final BooleanSupplier duringFault;
    final List<String> orders = new ArrayList<>();
    int tasks;
    int outcomeUnknown;
    final List<String> unexpected = new ArrayList<>();

    SoakClient(String subject, boolean withKeys, Http http, List<UUID> products, SoakRecord record,
               BooleanSupplier duringFault) {
        this.subject = subject;
        this.withKeys = withKeys;
        this.http = http;
        this.products = products;
        this.record = record;
        this.duringFault = duringFault;
    }

    SoakClient runUntil(long stopAtNanos) throws InterruptedException {
        while (System.nanoTime() < stopAtNanos) {
            int dice = ChaosSoak.random(100);
            if (dice < 70) {
                Http.Response placed = send("POST", "/orders", "{\"lines\":[{\"productId\":\""
                    + products.get(ChaosSoak.random(products.size())) + "\",\"quantity\":" + (1 + ChaosSoak.random(3))
                    + "}]}");
                if (placed.status() == 201) {
                    orders.add((String) placed.json().get("id"));
                }
            } else if (dice < 85 && !orders.isEmpty()) {
                send("POST", "/orders/" + orders.get(ChaosSoak.random(orders.size())) + "/cancel", null);
            } else if (send("POST", "/tasks", "{\"title\":\"soak\"}").status() == 201) {
                tasks++;
            }
        }
        return this;
    }

    /** Sends until the answer is not a 503, as a client told to retry every 503 would. */
    private Http.Response send(String method, String path, String body) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        while (true) {
            long start = System.nanoTime();
            boolean fault = duringFault.getAsBoolean();
            Http.Response response = withKeys
                ? http.send(method, path, subject, body, "Idempotency-Key", key)
                : http.send(method, path, subject, body);
            boolean unknown = response.status() == 503 && response.body().contains("outcome-unknown");
            record.answered(response.status(), (System.nanoTime() - start) / 1_000_000,
                fault || duringFault.getAsBoolean(), unknown);
            if (!EXPECTED.contains(response.status())) {
                unexpected.add(method + " " + path + " -> " + response.status() + " " + response.body());
            }
            if (unknown) {
                outcomeUnknown++;
            }
            if (response.status() != 503) {
                return response;
            }
            Thread.sleep(200);
        }
    }
}
