package dev.atomicfunctions.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Requests sent at once, each from its own thread, released together. */
public final class Race {

    private Race() {
    }

    /** @return the answers, in the order of the requests */
    public static List<Http.Response> of(int count, IntFunction<Supplier<Http.Response>> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Supplier<Http.Response> send = request.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return send.get();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
