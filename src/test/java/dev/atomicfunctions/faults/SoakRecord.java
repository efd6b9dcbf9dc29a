package dev.atomicfunctions.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the soak's clients saw: answers by status, latencies in and out of fault windows. */
final class SoakRecord {

    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Long> calmMillis = new CopyOnWriteArrayList<>();
    private final List<Long> faultMillis = new CopyOnWriteArrayList<>();
    private final AtomicInteger outcomeUnknown = new AtomicInteger();

    void answered(int status, long millis, boolean duringFault, boolean unknown) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        (duringFault ? faultMillis : calmMillis).add(millis);
        if (unknown) {
            outcomeUnknown.incrementAndGet();
        }
    }

    String report(Duration length, Map<String, AtomicInteger> faults, List<String> violations) {
        StringBuilder out = new StringBuilder("| figure | value |\n| --- | --- |\n");
        out.append("| length | ").append(length.toMinutes()).append(" min |\n");
        new TreeMap<>(faults).forEach((fault, n) -> out.append("| fault: ").append(fault).append(" | ").append(n)
            .append(" |\n"));
        out.append("| requests | ").append(calmMillis.size() + faultMillis.size()).append(" |\n");
        new TreeMap<>(statuses).forEach((status, n) -> out.append("| answered ").append(status).append(" | ")
            .append(n).append(" |\n"));
        out.append("| of which 503 outcome-unknown | ").append(outcomeUnknown).append(" |\n");
        out.append("| p50 / p99 / max outside faults | ").append(percentiles(calmMillis)).append(" |\n");
        out.append("| p50 / p99 / max during faults | ").append(percentiles(faultMillis)).append(" |\n");
        out.append("| violations | ").append(violations.size()).append(" |\n");
        violations.forEach(v -> out.append("| violation | ").append(v).append(" |\n"));
        return out.toString();
    }

    private static String percentiles(List<Long> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() * 99 / 100) + " / "
            + sorted.getLast() + " ms";
    }
}
