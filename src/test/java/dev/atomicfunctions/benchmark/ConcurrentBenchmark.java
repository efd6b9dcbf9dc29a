package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.support.Postgres;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda Managed Instances, measured: one JVM serving N invocations at once ({@link ConcurrentHarness}), for each
 * scenario, the functions' jar as deployed there (its pool sized by {@code AWS_LAMBDA_MAX_CONCURRENCY} = N, priming at
 * init, every JIT tier) against the plain-JDBC floor serving the same N at once (a connection per thread) in the same
 * JVM settings. Real and floor runs alternate, in fresh JVMs, on one PostgreSQL; ratios are taken pair by pair.
 * Measured, no assertion. The goal (issue 18): throughput per CPU second within 1.5x of the floor, p99 within 2x, at
 * N = 32.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25), after {@code ./mvnw package}: {@code ./mvnw -o -q test-compile exec:exec
 * -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test -Dexec.args="-cp %classpath
 * dev.atomicfunctions.benchmark.ConcurrentBenchmark target/atomic-functions-0.1.0-SNAPSHOT.jar"}; system properties
 * (before {@code -cp}) {@code mi.pairs} (3), {@code mi.concurrency} (8,32), {@code mi.invocations} (timed per thread,
 * 200), {@code mi.warmup} (untimed invocations before them, shared by the threads, 32000), {@code mi.scenarios}
 * (event files' names without extension; default every scenario), {@code mi.flags} (the JVM's flags, space-separated,
 * in place of {@link #MANAGED_INSTANCES_FLAGS}).
 */
public final class ConcurrentBenchmark {

    private static final Path WORK = Path.of("target", "managed-instances");
    private static final Pattern RESULT = Pattern.compile(
        "RESULT .*p50us=(\\d+) p99us=(\\d+) perCpuSecond=(\\d+) perSecond=(\\d+) .*peakRssKb=(\\d+)");
    /**
     * An environment as the stack deploys it on Managed Instances: 2048 MB, Lambda's serial collector and heap share,
     * and every JIT tier (the stack's {@code JAVA_TOOL_OPTIONS}, infra {@code ManagedInstances.JIT}) where the
     * runtime stops at C1 on demand.
     */
    private static final List<String> MANAGED_INSTANCES_FLAGS = List.of("-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=4", "-XX:+UseSerialGC", "-XX:MaxRAM=2g", "-XX:MaxHeapSize=1740m");

    /** One run's figures. */
    private record Run(double p50Ms, double p99Ms, double perCpuSecond, double perSecond, double peakRssMb) {
    }

    private ConcurrentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("mi.pairs", 3);
        int invocations = Integer.getInteger("mi.invocations", 200);
        // An environment serves for hours: the figures are those of its steady state, after C2 has compiled the path.
        int warmUp = Integer.getInteger("mi.warmup", 32_000);
        List<String> flags = System.getProperty("mi.flags") == null ? MANAGED_INSTANCES_FLAGS
            : List.of(System.getProperty("mi.flags").split(" "));
        List<Integer> concurrency = List.of(System.getProperty("mi.concurrency", "8,32").split(",")).stream()
            .map(Integer::parseInt).toList();
        List<String> only = System.getProperty("mi.scenarios") == null ? null
            : List.of(System.getProperty("mi.scenarios").split(","));
        Files.createDirectories(WORK);
        Postgres postgres = BenchmarkDatabase.seeded();
        Packaging packaging = new Packaging(WORK);
        String harnessClassPath = Packaging.classPath(packaging.isolate("harness", ConcurrentHarness.class,
                LambdaRuntimeHarness.class.getName(), LambdaRuntimeHarness.class.getName() + "$HarnessContext"),
            Packaging.dependency("aws-lambda-java-core"), Packaging.dependency("aws-lambda-java-serialization"));
        Path real = packaging.extract("real", args[0]);
        Map<String, String> database = Map.of("DB_URL", postgres.url(), "DB_USERNAME", postgres.username(),
            "DB_PASSWORD", postgres.password(), "LOG_LEVEL", "WARN");
        System.out.printf(Locale.ROOT, "%d pairs, %d timed invocations per thread after %d untimed ones in all, "
            + "JVM %s%n", pairs, invocations, warmUp, String.join(" ", flags));
        Harness harness = new Harness(harnessClassPath, flags, invocations, warmUp);
        for (Scenario scenario : Scenario.ALL) {
            if (only != null && !only.contains(scenario.slug())) {
                continue;
            }
            Path event = WORK.resolve(Path.of(scenario.eventResource()).getFileName());
            try (InputStream in = ConcurrentBenchmark.class.getClassLoader()
                .getResourceAsStream(scenario.eventResource())) {
                Files.copy(in, event, StandardCopyOption.REPLACE_EXISTING);
            }
            Path floor = floor(packaging, scenario);
            for (int n : concurrency) {
                Map<String, String> managed = new HashMap<>(database);
                managed.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(n));
                List<Run[]> runs = new ArrayList<>();
                for (int i = 0; i < pairs; i++) {
                    boolean realFirst = i % 2 == 0;
                    Run first = realFirst ? harness.run(scenario.handler(), real, event, n, managed)
                        : harness.run(scenario.floorHandler(), floor, event, n, database);
                    Run second = realFirst ? harness.run(scenario.floorHandler(), floor, event, n, database)
                        : harness.run(scenario.handler(), real, event, n, managed);
                    runs.add(realFirst ? new Run[] {first, second} : new Run[] {second, first});
                }
                report(scenario, n, runs);
            }
        }
        System.exit(0);
    }

    private static void report(Scenario scenario, int n, List<Run[]> runs) {
        System.out.printf(Locale.ROOT, "%s, N = %d: real p50 %.2f / p99 %.2f ms, %.0f per CPU second, %.0f per second, "
                + "%.0f MiB | floor p50 %.2f / p99 %.2f ms, %.0f per CPU second, %.0f per second, %.0f MiB | "
                + "throughput per CPU second floor/real %.2fx, p50 real/floor %.2fx, p99 real/floor %.2fx%n",
            scenario.name(), n, median(runs, 0, Run::p50Ms), median(runs, 0, Run::p99Ms),
            median(runs, 0, Run::perCpuSecond), median(runs, 0, Run::perSecond), median(runs, 0, Run::peakRssMb),
            median(runs, 1, Run::p50Ms), median(runs, 1, Run::p99Ms), median(runs, 1, Run::perCpuSecond),
            median(runs, 1, Run::perSecond), median(runs, 1, Run::peakRssMb),
            medianRatio(runs, Run::perCpuSecond, true), medianRatio(runs, Run::p50Ms, false),
            medianRatio(runs, Run::p99Ms, false));
    }

    /** The floor handler's own deployment package, unzipped. */
    private static Path floor(Packaging packaging, Scenario scenario) throws Exception {
        Class<?> floor = Class.forName(scenario.floorHandler());
        String classPath = Packaging.classPath(packaging.isolate("floor-" + floor.getSimpleName(), floor),
            Packaging.dependency("aws-lambda-java-events"), Packaging.dependency("joda-time"),
            Packaging.dependency("postgresql"));
        return packaging.extract("task-" + floor.getSimpleName(), classPath.split(File.pathSeparator));
    }

    /** Runs one handler in a JVM of its own ({@link ConcurrentHarness}). */
    private record Harness(String classPath, List<String> flags, int invocations, int warmUp) {

        Run run(String handler, Path task, Path event, int threads, Map<String, String> environment)
            throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
            command.addAll(flags);
            command.addAll(List.of("-cp", classPath, ConcurrentHarness.class.getName(), handler, task.toString(),
                event.toString(), Integer.toString(threads), Integer.toString(invocations), Integer.toString(warmUp)));
            Matcher result = HarnessProcess.run(command, environment,
                WORK.resolve("last-run-" + handler.substring(handler.lastIndexOf('.') + 1) + ".log"), RESULT);
            return new Run(Long.parseLong(result.group(1)) / 1000.0, Long.parseLong(result.group(2)) / 1000.0,
                Long.parseLong(result.group(3)), Long.parseLong(result.group(4)),
                Long.parseLong(result.group(5)) / 1024.0);
        }
    }

    private static double median(List<Run[]> runs, int which, ToDoubleFunction<Run> figure) {
        return Report.median(runs.stream().mapToDouble(pair -> figure.applyAsDouble(pair[which])).sorted().toArray());
    }

    /** @param floorOverReal the floor's figure over the real one's (throughput); else the real over the floor's */
    private static double medianRatio(List<Run[]> runs, ToDoubleFunction<Run> figure, boolean floorOverReal) {
        return Report.median(runs.stream().mapToDouble(pair -> floorOverReal
            ? figure.applyAsDouble(pair[1]) / figure.applyAsDouble(pair[0])
            : figure.applyAsDouble(pair[0]) / figure.applyAsDouble(pair[1])).sorted().toArray());
    }
}
