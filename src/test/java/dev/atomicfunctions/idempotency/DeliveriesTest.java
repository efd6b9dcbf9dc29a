package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.invocation.Invocation;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A message's delivery is written by the one command its handler runs, on every attempt of it, and by no other. */
class DeliveriesTest {

    private static final Invocation MESSAGE = new Invocation("system:queue", Invocation.Origin.QUEUE, "message-1",
        "correlation-1", "lambda-1", Set.of(), Set.of());
    private static final IdempotentRequest DEDUPLICATION = new IdempotentRequest("queue task.create", "message-1",
        new Object());

    @Test
    void isBoundOnlyWhileItsHandlerRuns() {
        Deliveries.once(MESSAGE, DEDUPLICATION, () -> assertThat(Deliveries.current().deduplication)
            .isSameAs(DEDUPLICATION));

        assertThat(Deliveries.current()).isNull();
    }

    @Test
    void letsTheSameCommandRunAgainForItsRetry() {
        boolean effect = Deliveries.once(MESSAGE, DEDUPLICATION, () -> {
            Deliveries.current().runBy("TaskCommands.create");
            Deliveries.current().runBy("TaskCommands.create");
        });

        assertThat(effect).isTrue();
    }

    @Test
    void refusesASecondCommandInTheSameMessage() {
        assertThatIllegalStateException().isThrownBy(() -> Deliveries.once(MESSAGE, DEDUPLICATION, () -> {
            Deliveries.current().runBy("TaskCommands.create");
            Deliveries.current().runBy("OrderCommands.place");
        })).withMessageContaining("a message runs one command");
        assertThat(Deliveries.current()).isNull();
    }

    @Test
    void saysARedeliveryHadNoEffect() {
        boolean effect = Deliveries.once(MESSAGE, DEDUPLICATION, () -> Deliveries.current().replayed(true));

        assertThat(effect).isFalse();
    }
}
