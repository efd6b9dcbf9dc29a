package dev.atomicfunctions.idempotency;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestTest {

    @Test
    void refusesAMapAsTheRequestUnderstoodBecauseItsJsonOrderDiffersBetweenJvms() {
        Map<String, Object> understood = Map.of("version", 1, "payload", "{}");

        assertThatThrownBy(() -> new IdempotentRequest("queue order.placed", "key-1", understood))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Map");
    }
}
