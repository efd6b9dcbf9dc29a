package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TransientRedeliveryTest {

    private final TransientRedelivery deployed = new TransientRedelivery("", "", Duration.ofMillis(500),
        Duration.ofSeconds(30), Duration.ofHours(12));

    @Test
    void doublesTheDelayFromThirtySecondsWithEachReceive() {
        assertThat(IntStream.rangeClosed(1, 6).map(receives -> deployed.delaySeconds(received(receives))))
            .containsExactly(30, 60, 120, 240, 480, 960);
    }

    @Test
    void neverAsksForMoreThanSqsTwelveHoursWhateverTheCapOrTheCount() {
        TransientRedelivery generous = new TransientRedelivery("", "", Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofDays(2));

        assertThat(deployed.delaySeconds(received(12))).isEqualTo(43_200);
        assertThat(generous.delaySeconds(received(1_000))).isEqualTo(43_200);
    }

    @Test
    void takesAMessageWithoutAReadableReceiveCountForAFirstReceive() {
        SQSEvent.SQSMessage noCount = new SQSEvent.SQSMessage();
        SQSEvent.SQSMessage garbled = received(1);
        garbled.setAttributes(Map.of("ApproximateReceiveCount", "many"));

        assertThat(deployed.delaySeconds(noCount)).isEqualTo(30);
        assertThat(deployed.delaySeconds(garbled)).isEqualTo(30);
    }

    private static SQSEvent.SQSMessage received(int receives) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(receives)));
        return message;
    }
}
