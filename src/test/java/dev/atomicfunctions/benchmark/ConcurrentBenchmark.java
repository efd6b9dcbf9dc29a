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
 * init) against the plain-JDBC floor serving the same N at once (a connection per thread). Real and floor runs
 * alternate, in fresh JVMs with Lambda's flags, on one PostgreSQL; ratios are taken pair by pair. Measured, no
 * assertion. The goal (issue 18): throughput per CPU second within 1.5x of the floor, p99 within 2x, at N = 32.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25), after {@code ./mvnw package}: {@code ./mvnw -o -q test-compile exec:exec
 * -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test -Dexec.args="-cp %classpath
 * dev.atomicfunctions.benchmark.ConcurrentBenchmark target/atomic-functions-0.1.0-SNAPSHOT.jar"}; system properties
 * (before {@code -cp}) {@code mi.pairs} (3), {@code mi.concurrency} (8,32), {@code mi.invocations} (timed per thread,
 * 200), {@code mi.scenarios} (event files' names without extension; default every scenario).
 */
public final class ConcurrentBenchmark {

    private static final Path WORK = Path.of("target", "managed-instances");
    private static final Pattern RESULT = Pattern.compile(
        "RESULT .*p50us=(\\d+) p99us=(\\d+) perCpuSecond=(\\d+) perSecond=(\\d+) .*peakRssKb=(\\d+)");
    // Lambda's flags, with the memory of a Managed Instances environment (2 GB at least; 4 GB per vCPU by default).
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:MaxRAM=4g", "-XX:MaxHeapSize=3400m");

    /** One run's figures. */
    private record Run(double p50Ms, double p99Ms, double perCpuSecond, double perSecond, double peakRssMb) {
    }

    private ConcurrentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("mi.pairs", 3);
        int invocations = Integer.getInteger("mi.invocations", 200);
        List<Integer> concurrency = List.of(System.getProperty("mi.concurrency", "8,32").split(",")).stream()
            .map(Integer::parseInt).toList();
        List<String> only = System.getProperty("mi.scenarios") == null ? null
            : List.of(System.getProperty("mi.scenarios").split(","));
        Files.createDirectories(WORK);
        Postgres postgres = BenchmarkDatabase.seeded();
        Packaging packaging = new Packaging(WORK);
        String harness = Packaging.classPath(packaging.isolate("harness", ConcurrentHarness.class,
                LambdaRuntimeHarness.class.getName(), LambdaRuntimeHarness.class.getName() + "$HarnessContext"),
            Packaging.dependency("aws-lambda-java-core"), Packaging.dependency("aws-lambda-java-serialization"));
        Path real = packaging.extract("real", args[0]);
        Map<String, String> database = Map.of("DB_URL", postgres.url(), "DB_USERNAME", postgres.username(),
            "DB_PASSWORD", postgres.password(), "LOG_LEVEL", "WARN");
        System.out.printf(Locale.ROOT, "%d pairs, %d timed invocations per thread after untimed ones%n", pairs,
            invocations);
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
                    Run first = realFirst ? run(harness, scenario.handler(), real, event, n, invocations, managed)
                        : run(harness, scenario.floorHandler(), floor, event, n, invocations, database);
                    Run second = realFirst ? run(harness, scenario.floorHandler(), floor, event, n, invocations,
                        database) : run(harness, scenario.handler(), real, event, n, invocations, managed);
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

    private static Run run(String harness, String handler, Path task, Path event, int threads, int invocations,
                           Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of("-cp", harness, ConcurrentHarness.class.getName(), handler, task.toString(),
            event.toString(), Integer.toString(threads), Integer.toString(invocations)));
        Matcher result = HarnessProcess.run(command, environment, WORK.resolve("last-run.log"), RESULT);
        return new Run(Long.parseLong(result.group(1)) / 1000.0, Long.parseLong(result.group(2)) / 1000.0,
            Long.parseLong(result.group(3)), Long.parseLong(result.group(4)), Long.parseLong(result.group(5)) / 1024.0);
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
