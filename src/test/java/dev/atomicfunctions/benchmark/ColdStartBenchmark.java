package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.support.Postgres;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./mvnw -Pbenchmark}: cold start, warm latency, memory and jar size of each {@link Scenario}, each against
 * its plain-JDBC floor, on a real PostgreSQL, migrated and then seeded with the rows the scenarios' events name.
 * Every cold run is a fresh JVM started the way Lambda starts one ({@link LambdaRuntimeHarness}); real and floor
 * runs alternate and ratios are taken pair by pair, because only ratios hold on a noisy machine. Each floor handler
 * is a deployment package of its own. Writes {@code target/benchmark/results.md}.
 * <p>
 * System properties: {@code benchmark.runs} (cold pairs per variant, default 10), {@code benchmark.invocations}
 * (timed warm invocations, default 2000), {@code benchmark.variants} (comma list of {@link Variant}s:
 * {@code lambda,aot,aot-classpath}; {@code snapstart} adds the SnapStart runs, with and without priming).
 */
public final class ColdStartBenchmark {

    private static final Path WORK = Path.of("target", "benchmark");
    private static final Pattern RESULT = Pattern.compile("RESULT (.*)");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(-?\\d+)");
    /**
     * What the managed runtime starts the JVM with for a 1024 MB function: C1 only, serial GC, a heap of 85% of the
     * memory, and a JVM that sizes itself for 1 GB (Lambda's cgroup limit) rather than for this machine.
     */
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:MaxRAM=1g", "-XX:MaxHeapSize=870m");

    private final Map<String, String> environment;
    private final Path jar;
    private final String harnessClassPath;
    private final Path realTask;
    /** Each floor handler's own deployment package, as a class path of jars and as an unzipped folder. */
    private final Map<String, Floor> floors = new HashMap<>();

    private ColdStartBenchmark(Map<String, String> environment, Path jar, String harnessClassPath,
                               Packaging packaging) throws IOException, ClassNotFoundException {
        this.environment = environment;
        this.jar = jar;
        this.harnessClassPath = harnessClassPath;
        this.realTask = packaging.extract("task-real", jar.toString());
        for (Scenario scenario : Scenario.ALL) {
            if (!floors.containsKey(scenario.floorHandler())) {
                Class<?> floor = Class.forName(scenario.floorHandler());
                String classPath = Packaging.classPath(packaging.isolate("floor-" + floor.getSimpleName(), floor),
                    Packaging.dependency("aws-lambda-java-events"), Packaging.dependency("joda-time"),
                    Packaging.dependency("postgresql"));
                floors.put(scenario.floorHandler(), new Floor(classPath,
                    packaging.extract("task-" + floor.getSimpleName(), classPath.split(File.pathSeparator))));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("benchmark.runs", 10);
        int invocations = Integer.getInteger("benchmark.invocations", 2000);
        List<String> variants = List.of(System.getProperty("benchmark.variants", "lambda,aot,aot-classpath").split(","));
        Files.createDirectories(WORK);
        Postgres postgres = BenchmarkDatabase.seeded();
        Packaging packaging = new Packaging(WORK);
        ColdStartBenchmark benchmark = new ColdStartBenchmark(
            Map.of("DB_URL", postgres.url(), "DB_USERNAME", postgres.username(), "DB_PASSWORD", postgres.password(),
                "LOG_LEVEL", "INFO"),
            shadedJar(),
            Packaging.classPath(packaging.isolate("harness", LambdaRuntimeHarness.class,
                    LambdaRuntimeHarness.class.getName() + "$HarnessContext"),
                Packaging.dependency("aws-lambda-java-core"), Packaging.dependency("aws-lambda-java-serialization")),
            packaging);
        Report report = new Report(benchmark.jar, runs, invocations);
        for (Scenario scenario : Scenario.ALL) {
            for (String variant : variants) {
                if (Variant.of(variant) == Variant.SNAPSTART) {
                    report.snapStart(scenario, benchmark.snapStart(scenario, runs));
                } else {
                    report.cold(scenario, Variant.of(variant).label(), benchmark.cold(scenario, variant, runs));
                }
            }
            report.warm(scenario, benchmark.warm(scenario, scenario.handler(), invocations),
                benchmark.warm(scenario, scenario.floorHandler(), invocations));
        }
        report.write(WORK.resolve("results.md"));
        System.exit(0);
    }

    /** Alternates real and floor cold starts; the first pair only warms the page cache and is discarded. */
    private List<Run[]> cold(Scenario scenario, String variant, int runs) throws Exception {
        Variant how = Variant.of(variant);
        if (how.aotCache()) {
            train(scenario, scenario.handler(), how);
            train(scenario, scenario.floorHandler(), how);
        }
        List<Run[]> pairs = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            Run real;
            Run floor;
            if (i % 2 == 0) {
                floor = run(scenario, scenario.floorHandler(), how, "cold", 1);
                real = run(scenario, scenario.handler(), how, "cold", 1);
            } else {
                real = run(scenario, scenario.handler(), how, "cold", 1);
                floor = run(scenario, scenario.floorHandler(), how, "cold", 1);
            }
            if (i >= 0) {
                pairs.add(new Run[] {real, floor});
            }
        }
        return pairs;
    }

    /**
     * SnapStart, simulated in one fresh JVM per run: init, then the CRaC resources' {@code beforeCheckpoint} as
     * Lambda runs them before the snapshot, their {@code afterRestore}, and the first invocation, timed. Each pair is
     * one run with SnapStart priming and one without ({@code SNAPSTART_PRIMING=false}), alternating which goes first;
     * the first pair only warms the page cache and is discarded.
     */
    /** Invocations timed after each restore: the first one, and the p50 of all, for a restored function's warm path. */
    static final int AFTER_RESTORE = 200;

    private List<Run[]> snapStart(Scenario scenario, int runs) throws Exception {
        List<Run[]> pairs = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            Run primed;
            Run unprimed;
            if (i % 2 == 0) {
                unprimed = restore(scenario, false);
                primed = restore(scenario, true);
            } else {
                primed = restore(scenario, true);
                unprimed = restore(scenario, false);
            }
            if (i >= 0) {
                pairs.add(new Run[] {primed, unprimed});
            }
        }
        return pairs;
    }

    private Run restore(Scenario scenario, boolean priming) throws Exception {
        return exec(scenario, scenario.handler(), List.of(), Variant.SNAPSTART.loader(), "restore", AFTER_RESTORE,
            Map.of("SNAPSTART_PRIMING", Boolean.toString(priming)));
    }

    private Run warm(Scenario scenario, String handler, int invocations) throws Exception {
        return run(scenario, handler, Variant.LAMBDA, "warm", invocations);
    }

    /** JDK 25 one-step AOT cache: a training run of representative requests writes the cache at exit. */
    private void train(Scenario scenario, String handler, Variant how) throws Exception {
        Files.deleteIfExists(aotCache(scenario, handler));
        exec(scenario, handler, List.of("-XX:AOTCacheOutput=" + aotCache(scenario, handler)), how.loader(), "train", 50);
    }

    private Run run(Scenario scenario, String handler, Variant how, String mode, int invocations) throws Exception {
        List<String> flags = how.aotCache() ? List.of("-XX:AOTCache=" + aotCache(scenario, handler)) : List.of();
        return exec(scenario, handler, flags, how.loader(), mode, invocations);
    }

    private Run exec(Scenario scenario, String handler, List<String> extraFlags, String loader, String mode,
                     int invocations) throws Exception {
        return exec(scenario, handler, extraFlags, loader, mode, invocations, Map.of());
    }

    private Run exec(Scenario scenario, String handler, List<String> extraFlags, String loader, String mode,
                     int invocations, Map<String, String> extraEnvironment) throws Exception {
        boolean real = handler.equals(scenario.handler());
        // Lambda unzips the deployment package into /var/task and loads from that folder; a class-path launch
        // needs jars (the AOT cache refuses folders on the class path).
        Floor floor = floors.get(scenario.floorHandler());
        String handlerClassPath = loader.equals("classpath")
            ? (real ? jar.toString() : floor.classPath())
            : (real ? realTask : floor.task()).toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LAMBDA_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", loader.equals("classpath") ? harnessClassPath + File.pathSeparator
            + handlerClassPath : harnessClassPath, LambdaRuntimeHarness.class.getName(), mode, loader, handler,
            handlerClassPath, event(scenario).toString(), Integer.toString(invocations)));
        Path log = WORK.resolve("last-run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        long wallMicros = (System.nanoTime() - start) / 1000;
        Matcher result = RESULT.matcher(Files.readString(log));
        if (exit != 0 || !result.find()) {
            throw new IllegalStateException(handler + " " + mode + " failed (exit " + exit + "), see " + log);
        }
        Map<String, Long> values = new HashMap<>();
        Matcher pair = KEY_VALUE.matcher(result.group(1));
        while (pair.find()) {
            values.put(pair.group(1), Long.parseLong(pair.group(2)));
        }
        return new Run(wallMicros, values.get("initUs"), values.get("checkpointUs"), values.get("restoreUs"),
            values.get("firstInvocationUs"), values.get("firstHandlerUs"), values.get("p50us"), values.get("p99us"),
            values.get("peakRssKb"), values.get("heapAtCheckpointKb"));
    }

    /** One cache per scenario and handler: the real handler is the same class in every scenario. */
    private static Path aotCache(Scenario scenario, String handler) {
        return WORK.resolve(scenario.slug() + "-" + handler.substring(handler.lastIndexOf('.') + 1) + ".aot")
            .toAbsolutePath();
    }

    private static Path event(Scenario scenario) throws IOException {
        Path file = WORK.resolve(Path.of(scenario.eventResource()).getFileName());
        try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(scenario.eventResource())) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static Path shadedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("atomic-functions-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no shaded jar: run ./mvnw package first"))
                .toAbsolutePath();
        }
    }

    /** A floor handler's deployment package: its jars (for a class-path launch) and the folder they unzip to. */
    private record Floor(String classPath, Path task) {
    }

    /**
     * One process: whole-process wall time; the harness's own timings: from its main to the handler built (init),
     * SnapStart's before-checkpoint and after-restore work (restore mode), the first invocation (the runtime's
     * reading of the event and writing of the answer included) and its handler call alone, the percentiles of the
     * timed invocations; peak memory, and the heap in use when the snapshot would be taken (restore mode, else -1).
     */
    record Run(long wallMicros, long initMicros, long checkpointMicros, long restoreMicros, long firstInvocationMicros,
               long firstHandlerMicros, long p50Micros, long p99Micros, long peakRssKb, long heapAtCheckpointKb) {
    }
}
