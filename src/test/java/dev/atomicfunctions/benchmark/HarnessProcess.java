package dev.atomicfunctions.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a harness in a JVM of its own and reads its one result line. */
final class HarnessProcess {

    private HarnessProcess() {
    }

    /**
     * @param log    where its output goes, kept for a look when it fails
     * @param result the result line's pattern
     * @return the result line, matched
     * @throws IllegalStateException when the process failed or printed no result
     */
    static Matcher run(List<String> command, Map<String, String> environment, Path log, Pattern result)
        throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        Matcher matched = result.matcher(Files.readString(log));
        if (exit != 0 || !matched.find()) {
            throw new IllegalStateException(String.join(" ", command.subList(command.size() - 5, command.size()))
                + " failed (exit " + exit + "), see " + log);
        }
        return matched;
    }
}
