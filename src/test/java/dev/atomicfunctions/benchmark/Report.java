package dev.atomicfunctions.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The benchmark's results as a Markdown table, with the machine they were measured on. */
final class Report {

    private final StringBuilder markdown = new StringBuilder();
    private final Path jar;

    Report(Path jar, int runs, int invocations) throws IOException {
        this.jar = jar;
        markdown.append("Machine: ").append(machine()).append("\n\n")
            .append("Cold: ").append(runs).append(" alternating pairs per variant, whole-process wall time of a fresh ")
            .append("JVM handling one request. Warm: ").append(invocations).append(" timed invocations in one JVM after ")
            .append(LambdaRuntimeHarness.WARM_UP).append(" untimed ones. Ratios are real/floor, pair by pair.\n\n")
            .append("| scenario | variant | real ms (median, min-max) | floor ms (median, min-max) | ratio (median, min-max) ")
            .append("| peak RSS real / floor MiB | memory ratio |\n|---|---|---|---|---|---|---|\n");
    }

    void cold(Scenario scenario, String variant, List<ColdStartBenchmark.Run[]> pairs) {
        double[] real = values(pairs, p -> p[0].wallMicros() / 1000.0);
        double[] floor = values(pairs, p -> p[1].wallMicros() / 1000.0);
        double[] ratio = values(pairs, p -> (double) p[0].wallMicros() / p[1].wallMicros());
        double realRss = median(values(pairs, p -> p[0].peakRssKb() / 1024.0));
        double floorRss = median(values(pairs, p -> p[1].peakRssKb() / 1024.0));
        markdown.append(String.format("| %s | %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | **%.2fx** (%.2f-%.2f) | %.0f / %.0f | %.2fx |%n",
            scenario.name(), variant,
            median(real), min(real), max(real), median(floor), min(floor), max(floor),
            median(ratio), min(ratio), max(ratio), realRss, floorRss, realRss / floorRss));
    }

    private final StringBuilder warm = new StringBuilder();

    void warm(Scenario scenario, ColdStartBenchmark.Run real, ColdStartBenchmark.Run floor) {
        warm.append(String.format("| %s | %.2f / %.2f | %.2f / %.2f | **%.2fx** / %.2fx |%n", scenario.name(),
            real.p50Micros() / 1000.0, real.p99Micros() / 1000.0, floor.p50Micros() / 1000.0,
            floor.p99Micros() / 1000.0, (double) real.p50Micros() / floor.p50Micros(),
            (double) real.p99Micros() / floor.p99Micros()));
    }

    void write(Path file) throws IOException {
        markdown.append("\n| scenario | warm real p50 / p99 ms | warm floor p50 / p99 ms | ratio p50 / p99 |\n|---|---|---|---|\n")
            .append(warm)
            .append(String.format("%nShaded jar: %.1f MiB (`%s`)%n", Files.size(jar) / 1048576.0, jar.getFileName()));
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

    private static double median(double[] sorted) {
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
