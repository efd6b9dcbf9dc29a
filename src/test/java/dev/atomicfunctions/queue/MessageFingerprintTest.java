package dev.atomicfunctions.queue;

import dev.atomicfunctions.support.Messages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message redelivered to a fresh Lambda environment (a fresh JVM) must be recognised as the same message: its
 * de-duplication record's fingerprint may not depend on the JVM, or the redelivery is refused as another message
 * reusing the id ({@code idempotency-key-reused}) and ends in the dead-letter queue.
 */
class MessageFingerprintTest {

    private static final String FIXTURE = "order-placed-example.json";
    private static final String MESSAGE_ID = "059f36b4-87a3-44ab-83d2-661975830a7d";
    /**
     * SHA-256 of {@code {"version":1,"payload":"<the payload's JSON>"}} for the fixture (the same digest comes out
     * of any JSON library given that text). Records stored with another form would no longer match: a change here
     * must be a decision (messages in flight during the deployment would be refused), not an accident.
     */
    private static final String PINNED = "f89b42062ad12ee91e3f954e34560c165c2d228cf17164e50ab90ecad1ebab71";

    @Test
    void fingerprintsTheSameMessageIdenticallyInSeparateJvms() throws Exception {
        Process first = fingerprintInANewJvm();
        Process second = fingerprintInANewJvm();

        String here = MessageFingerprint.of(Messages.body(FIXTURE, Map.of()), MESSAGE_ID);

        assertThat(List.of(output(first), output(second))).containsOnly(here);
    }

    @Test
    void fingerprintsTheFixtureMessageAsPinned() {
        String fingerprint = MessageFingerprint.of(Messages.body(FIXTURE, Map.of()), MESSAGE_ID);

        assertThat(fingerprint).isEqualTo(PINNED);
    }

    private static Process fingerprintInANewJvm() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            MessageFingerprint.class.getName(), FIXTURE, MESSAGE_ID)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    private static String output(Process process) throws Exception {
        // Read to the end first: a child blocked on a full pipe would never end.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
        assertThat(process.exitValue()).as("exit status; output: %s", out).isZero();
        // The context may log before the answer: the fingerprint is the last line.
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
