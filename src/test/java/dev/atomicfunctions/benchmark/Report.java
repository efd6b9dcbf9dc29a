package dev.atomicfunctions.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's results as Markdown tables, with the machine they were measured on. */
final class Report {

    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder cold = new StringBuilder();
    private final StringBuilder warm = new StringBuilder();
    private final Map<Scenario, List<ColdStartBenchmark.Run[]>> snapStart = new LinkedHashMap<>();
    private final Map<Scenario, ColdStartBenchmark.Run> warmReal = new LinkedHashMap<>();
    private final Path jar;
    private final int runs;

    Report(Path jar, int runs, int invocations) throws IOException {
        this.jar = jar;
        this.runs = runs;
        markdown.append("Machine: ").append(machine()).append("\n\n")
            .append("Cold: ").append(runs).append(" alternating pairs per variant, whole-process wall time of a fresh ")
            .append("JVM handling one request; init (harness start to handler built) and first invocation are the ")
            .append("harness's own timings, medians. Warm: ").append(invocations)
            .append(" timed invocations in one JVM after ").append(LambdaRuntimeHarness.WARM_UP)
            .append(" untimed ones. Ratios are real/floor, pair by pair.\n\n");
    }

    void cold(Scenario scenario, String variant, List<ColdStartBenchmark.Run[]> pairs) {
        double[] real = values(pairs, p -> p[0].wallMicros() / 1000.0);
        double[] floor = values(pairs, p -> p[1].wallMicros() / 1000.0);
        double[] ratio = values(pairs, p -> (double) p[0].wallMicros() / p[1].wallMicros());
        double realRss = median(values(pairs, p -> p[0].peakRssKb() / 1024.0));
        double floorRss = median(values(pairs, p -> p[1].peakRssKb() / 1024.0));
        cold.append(String.format("| %s | %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | **%.2fx** (%.2f-%.2f) "
                + "| %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.2fx |%n",
            scenario.name(), variant,
            median(real), min(real), max(real), median(floor), min(floor), max(floor),
            median(ratio), min(ratio), max(ratio),
            median(values(pairs, p -> p[0].initMicros() / 1000.0)),
            median(values(pairs, p -> p[1].initMicros() / 1000.0)),
            median(values(pairs, p -> p[0].firstInvocationMicros() / 1000.0)),
            median(values(pairs, p -> p[1].firstInvocationMicros() / 1000.0)),
            realRss, floorRss, realRss / floorRss));
    }

    /** @param pairs each with the run with priming first, the run without second */
    void snapStart(Scenario scenario, List<ColdStartBenchmark.Run[]> pairs) {
        snapStart.put(scenario, pairs);
    }

    void warm(Scenario scenario, ColdStartBenchmark.Run real, ColdStartBenchmark.Run floor) {
        warmReal.put(scenario, real);
        warm.append(String.format("| %s | %.2f / %.2f | %.2f / %.2f | **%.2fx** / %.2fx |%n", scenario.name(),
            real.p50Micros() / 1000.0, real.p99Micros() / 1000.0, floor.p50Micros() / 1000.0,
            floor.p99Micros() / 1000.0, (double) real.p50Micros() / floor.p50Micros(),
            (double) real.p99Micros() / floor.p99Micros()));
    }

    void write(Path file) throws IOException {
        if (!cold.isEmpty()) {
            markdown.append("| scenario | variant | real ms (median, min-max) | floor ms (median, min-max) ")
                .append("| ratio (median, min-max) | init ms real / floor | first invocation ms real / floor ")
                .append("| peak RSS real / floor MiB | memory ratio |\n|---|---|---|---|---|---|---|---|---|\n")
                .append(cold).append('\n');
        }
        if (!snapStart.isEmpty()) {
            markdown.append("SnapStart, simulated (").append(runs).append(" alternating pairs, each run a fresh JVM ")
                .append("with Lambda's flags): init, then the CRaC resources' before-checkpoint work (SnapStart ")
                .append("priming, then the pool emptied), the heap in use at that point (the harness collects ")
                .append("nothing; priming ends with a full collection and one more round), their after-restore ")
                .append("work (the pool resumed), then the first invocation, which opens the connection. In this ")
                .append("JVM, not a restored microVM: what the snapshot holds (classes loaded and initialised, ")
                .append("compiled code) is here; the restore's own cost (Lambda's, with memory paged in on demand) ")
                .append("is not.\n\n")
                .append("The first invocation is timed as the warm ones are: the runtime reading the event and ")
                .append("writing the answer (aws-lambda-java-serialization's Jackson, which priming also warms), ")
                .append("and the handler's call alone. The p50 is over the ").append(ColdStartBenchmark.AFTER_RESTORE)
                .append(" invocations after the restore, the first included: a restored function's warm path.\n\n")
                .append("| scenario | priming | init ms | before-checkpoint ms | heap at checkpoint MiB ")
                .append("| after-restore ms | first invocation ms (median, min-max) | of which handler ms ")
                .append("| / warm p50: invocation, handler | p50 after restore ms | init + before-checkpoint + restore ")
                .append("+ first ms | peak RSS MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            snapStart.forEach((scenario, pairs) -> {
                for (int which = 0; which < 2; which++) {
                    int w = which;
                    double[] first = values(pairs, p -> p[w].firstInvocationMicros() / 1000.0);
                    double[] handler = values(pairs, p -> p[w].firstHandlerMicros() / 1000.0);
                    ColdStartBenchmark.Run warmRun = warmReal.get(scenario);
                    markdown.append(String.format("| %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f (%.1f-%.1f) "
                            + "| **%.1f** (%.1f-%.1f) | %s | %.2f | %.0f | %.0f |%n", scenario.name(), which == 0 ? "on" : "off",
                        median(values(pairs, p -> p[w].initMicros() / 1000.0)),
                        median(values(pairs, p -> p[w].checkpointMicros() / 1000.0)),
                        median(values(pairs, p -> p[w].heapAtCheckpointKb() / 1024.0)),
                        median(values(pairs, p -> p[w].restoreMicros() / 1000.0)),
                        median(first), min(first), max(first), median(handler), min(handler), max(handler),
                        warmRun == null ? "-" : String.format("%.1fx, **%.1fx**", median(first) * 1000
                            / warmRun.p50Micros(), median(handler) * 1000 / warmRun.p50Micros()),
                        median(values(pairs, p -> p[w].p50Micros() / 1000.0)),
                        median(values(pairs, p -> (p[w].initMicros() + p[w].checkpointMicros() + p[w].restoreMicros()
                            + p[w].firstInvocationMicros()) / 1000.0)),
                        median(values(pairs, p -> p[w].peakRssKb() / 1024.0))));
                }
                double[] ratio = values(pairs, p -> (double) p[0].firstHandlerMicros() / p[1].firstHandlerMicros());
                markdown.append(String.format("| %s | handler, on / off, pair by pair | | | | | | **%.2fx** "
                    + "(%.2f-%.2f) | | | | |%n", scenario.name(), median(ratio), min(ratio), max(ratio)));
            });
            markdown.append('\n');
        }
        if (!warm.isEmpty()) {
            markdown.append("| scenario | warm real p50 / p99 ms | warm floor p50 / p99 ms | ratio p50 / p99 |\n")
                .append("|---|---|---|---|\n").append(warm);
        }
        markdown.append(String.format("%nShaded jar: %.1f MiB (`%s`)%n", Files.size(jar) / 1048576.0,
            jar.getFileName()));
        Files.writeString(file, markdown);
        System.out.println(markdown);
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
            .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        return String.format("%s, %d cores, %d GiB, JDK %s", cpu, Runtime.getRuntime().availableProcessors(),
            Math.round(Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) / 1048576.0),
            Runtime.version());
    }

    private static double[] values(List<ColdStartBenchmark.Run[]> pairs, ToDoubleFunction<ColdStartBenchmark.Run[]> f) {
        return pairs.stream().mapToDouble(f).sorted().toArray();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] sorted) {
        return Arrays.stream(sorted).min().orElse(0);
    }

    private static double max(double[] sorted) {
        return Arrays.stream(sorted).max().orElse(0);
    }
}
