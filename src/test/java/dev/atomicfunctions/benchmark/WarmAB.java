package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.support.Postgres;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A/B of the warm path: two builds of the functions (shaded jars), each run in fresh JVMs started as
 * {@link ColdStartBenchmark} starts them (Lambda's flags, the runtime's class loader over the unzipped jar), warm mode,
 * alternating A and B (which goes first alternates too), on one PostgreSQL. Prints each run's p50 and p99 and the
 * median of the B/A ratios, pair by pair: on this noisy machine, only ratios taken side by side hold. Measured, no
 * assertion; for deciding whether a change to the warm path is worth keeping.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25), after building the two jars:
 * {@code ./mvnw -o -q test-compile exec:exec -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath dev.atomicfunctions.benchmark.WarmAB a.jar b.jar"}; system properties (before
 * {@code -cp}) {@code ab.pairs} (default 6), {@code ab.invocations} (timed per run, default 1000), {@code ab.scenarios}
 * (event files' names without extension, comma-separated; default every scenario), {@code ab.handlerA} (A's handler
 * class, when A predates a change of the scenario's handler).
 */
public final class WarmAB {

    private static final Path WORK = Path.of("target", "warm-ab");
    private static final Pattern RESULT = Pattern.compile("RESULT .*p50us=(\\d+) p99us=(\\d+)");
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:MaxRAM=1g", "-XX:MaxHeapSize=870m");

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("ab.pairs", 6);
        int invocations = Integer.getInteger("ab.invocations", 1000);
        List<String> only = System.getProperty("ab.scenarios") == null ? null
            : List.of(System.getProperty("ab.scenarios").split(","));
        Files.createDirectories(WORK);
        Postgres postgres = BenchmarkDatabase.seeded();
        Packaging packaging = new Packaging(WORK);
        String harness = Packaging.classPath(packaging.isolate("harness", LambdaRuntimeHarness.class,
                LambdaRuntimeHarness.class.getName() + "$HarnessContext"),
            Packaging.dependency("aws-lambda-java-core"), Packaging.dependency("aws-lambda-java-serialization"));
        Path a = packaging.extract("a", args[0]);
        Path b = packaging.extract("b", args[1]);
        Map<String, String> environment = Map.of("DB_URL", postgres.url(), "DB_USERNAME", postgres.username(),
            "DB_PASSWORD", postgres.password(), "LOG_LEVEL", "INFO");
        System.out.printf(Locale.ROOT, "A = %s%nB = %s%n%d pairs, %d timed invocations per run after %d untimed%n",
            args[0], args[1], pairs, invocations, LambdaRuntimeHarness.WARM_UP);
        for (Scenario scenario : Scenario.ALL) {
            if (only != null && !only.contains(scenario.slug())) {
                continue;
            }
            String handlerA = System.getProperty("ab.handlerA", scenario.handler());
            Path event = WORK.resolve(Path.of(scenario.eventResource()).getFileName());
            try (InputStream in = WarmAB.class.getClassLoader().getResourceAsStream(scenario.eventResource())) {
                Files.copy(in, event, StandardCopyOption.REPLACE_EXISTING);
            }
            List<long[]> runs = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                long[] pair = new long[4];
                boolean aFirst = i % 2 == 0;
                long[] first = run(harness, aFirst ? handlerA : scenario.handler(), aFirst ? a : b, event,
                    invocations, environment);
                long[] second = run(harness, aFirst ? scenario.handler() : handlerA, aFirst ? b : a, event,
                    invocations, environment);
                long[] ofA = aFirst ? first : second;
                long[] ofB = aFirst ? second : first;
                pair[0] = ofA[0];
                pair[1] = ofA[1];
                pair[2] = ofB[0];
                pair[3] = ofB[1];
                runs.add(pair);
                System.out.printf(Locale.ROOT, "  %s pair %d: A p50 %.3f p99 %.3f | B p50 %.3f p99 %.3f ms%n",
                    scenario.name(), i + 1, pair[0] / 1000.0, pair[1] / 1000.0, pair[2] / 1000.0, pair[3] / 1000.0);
            }
            double[] p50a = runs.stream().mapToDouble(r -> r[0] / 1000.0).sorted().toArray();
            double[] p50b = runs.stream().mapToDouble(r -> r[2] / 1000.0).sorted().toArray();
            double[] p99a = runs.stream().mapToDouble(r -> r[1] / 1000.0).sorted().toArray();
            double[] p99b = runs.stream().mapToDouble(r -> r[3] / 1000.0).sorted().toArray();
            double[] ratio50 = runs.stream().mapToDouble(r -> (double) r[2] / r[0]).sorted().toArray();
            double[] ratio99 = runs.stream().mapToDouble(r -> (double) r[3] / r[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s: p50 A %.3f / B %.3f ms, B/A %.3f (%.3f-%.3f); p99 A %.3f / B %.3f ms, "
                    + "B/A %.3f (%.3f-%.3f)%n", scenario.name(), Report.median(p50a), Report.median(p50b), Report.median(ratio50),
                ratio50[0], ratio50[ratio50.length - 1], Report.median(p99a), Report.median(p99b), Report.median(ratio99), ratio99[0],
                ratio99[ratio99.length - 1]);
        }
        System.exit(0);
    }

    private static long[] run(String harness, String handler, Path task, Path event, int invocations,
                              Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of("-cp", harness, LambdaRuntimeHarness.class.getName(), "warm", "isolated",
            handler, task.toString(), event.toString(), Integer.toString(invocations)));
        Matcher result = HarnessProcess.run(command, environment, WORK.resolve("last-run.log"), RESULT);
        return new long[] {Long.parseLong(result.group(1)), Long.parseLong(result.group(2))};
    }

}
