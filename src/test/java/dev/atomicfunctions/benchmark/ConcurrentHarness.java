package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

/**
 * Serves many invocations at once in one JVM, as one Lambda Managed Instances environment does: one handler object,
 * built as the runtime builds it ({@link LambdaRuntimeHarness}), and {@code threads} OS threads each invoking it
 * {@code invocations} times after its share of {@code warmUp} untimed ones, every event read and answer written by
 * the runtime's serializers.
 * Prints one result line: latency percentiles over every timed invocation, the throughput per second of the
 * process's CPU time over the timed phase, and the peak resident set.
 * <p>
 * Arguments: {@code handlerClass handlerClassPath eventFile threads invocations warmUp}.
 */
public final class ConcurrentHarness {

    private ConcurrentHarness() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = new URLClassLoader(LambdaRuntimeHarness.urls(args[1]), ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        String json = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
        int threads = Integer.parseInt(args[3]);
        int invocations = Integer.parseInt(args[4]);
        int warmUp = Integer.parseInt(args[5]) / threads;
        @SuppressWarnings("unchecked")
        Class<RequestHandler<Object, Object>> type = (Class<RequestHandler<Object, Object>>) Class.forName(args[0],
            true, loader);
        RequestHandler<Object, Object> handler = type.getDeclaredConstructor().newInstance();
        PojoSerializer<Object> events = LambdaRuntimeHarness.serializer(LambdaRuntimeHarness.eventType(type, 0), loader);
        PojoSerializer<Object> responses = LambdaRuntimeHarness.serializer(LambdaRuntimeHarness.eventType(type, 1),
            loader);

        long[] nanos = new long[threads * invocations];
        CyclicBarrier timed = new CyclicBarrier(threads + 1);
        CountDownLatch done = new CountDownLatch(threads);
        Throwable[] failure = new Throwable[1];
        // Request ids as the Runtime API hands them out, from outside the process: not UUID.randomUUID(), whose one
        // lock, shared with the handlers' own ids, 32 threads would contend for on the harness's account.
        long run = new SecureRandom().nextLong();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    for (int i = -warmUp; i < invocations; i++) {
                        if (i == 0) {
                            timed.await();
                        }
                        String requestId = new UUID(run + thread, i).toString();
                        long start = System.nanoTime();
                        Object event = events.fromJson(new ByteArrayInputStream(json.replace("${requestId}",
                            requestId).getBytes(StandardCharsets.UTF_8)));
                        Object response = handler.handleRequest(event,
                            new LambdaRuntimeHarness.HarnessContext(requestId));
                        out.reset();
                        responses.toJson(response, out);
                        int status = LambdaRuntimeHarness.statusOf(response);
                        if (status != 201) {
                            throw new IllegalStateException("handler answered " + status + ": " + response);
                        }
                        if (i >= 0) {
                            nanos[thread * invocations + i] = System.nanoTime() - start;
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                    timed.reset();
                } finally {
                    done.countDown();
                }
            });
            worker.start();
        }
        timed.await();
        long wallStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        done.await();
        long cpuNanos = processCpuNanos() - cpuStart;
        long wallNanos = System.nanoTime() - wallStart;
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
        Arrays.sort(nanos);
        System.out.printf("RESULT threads=%d invocations=%d p50us=%d p99us=%d perCpuSecond=%d perSecond=%d "
                + "cpuMs=%d wallMs=%d peakRssKb=%d%n", threads, nanos.length, nanos[nanos.length / 2] / 1000,
            nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1000, nanos.length * 1_000_000_000L / cpuNanos,
            nanos.length * 1_000_000_000L / wallNanos, cpuNanos / 1_000_000, wallNanos / 1_000_000,
            LambdaRuntimeHarness.peakRssKb());
        System.exit(0);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }
}
