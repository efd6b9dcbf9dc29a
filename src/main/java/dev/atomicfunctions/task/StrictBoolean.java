package dev.atomicfunctions.task;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Reads only JSON {@code true} and {@code false}. Serde's own boolean reading is lenient ({@code "yes"} becomes
 * {@code false}), which would turn a mistyped request into a silent change instead of a 400.
 */
@Singleton
final class StrictBoolean implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
        throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new SerdeException("expected true or false");
    }
}
