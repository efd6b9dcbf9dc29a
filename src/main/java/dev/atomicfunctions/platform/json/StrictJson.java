package dev.atomicfunctions.platform.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON scalars exactly as typed, for every body and every message. Serde's own readers coerce: a number, a
 * boolean or a one-element array becomes a string ({@code 12345} -> {@code "12345"}, {@code ["a"]} -> {@code "a"}),
 * a string or a fraction becomes a number ({@code "5"} -> 5, {@code 5.7} -> 5, {@code true} -> 1), and almost
 * anything becomes a boolean. Each class here is a bean, and serde prefers a {@link Deserializer} bean to its
 * built-in one for the same type (built-ins have order 10, beans 0), so these apply to every field of that type,
 * primitives included. JSON {@code null} never reaches them: serde maps it to {@code null} (or the primitive default).
 */
final class StrictJson {

    private StrictJson() {
    }

    /**
     * Only JSON strings that PostgreSQL can store as they are: no NUL character (text cannot hold it) and only
     * well-formed UTF-16 (an unpaired surrogate would be stored as {@code ?}).
     */
    @Singleton
    static final class Strings implements Deserializer<String> {

        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
            return text(decoder);
        }

        static String text(Decoder decoder) throws IOException {
            if (!(decoder.decodeArbitrary() instanceof String text)) {
                throw new InvalidValueException("must be a string");
            }
            if (text.indexOf('\u0000') >= 0) {
                throw new InvalidValueException("must not contain NUL characters");
            }
            // codePoints() pairs surrogates; what is left unpaired comes out as a SURROGATE code point.
            if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
                throw new InvalidValueException("must not contain unpaired surrogate characters");
            }
            return text;
        }
    }

    /**
     * Serde reads a {@code List<String>} with a dedicated reader that decodes its items itself, without
     * {@link Strings}: this one reads them with it. ({@code String[]} and {@code ArrayList<String>} fields have
     * dedicated readers too: declare lists as {@code List<String>}.)
     */
    @Singleton
    static final class StringLists implements Deserializer<List<String>> {

        @Override
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
            throws IOException {
            Decoder items = decoder.decodeArray();
            List<String> list = new ArrayList<>();
            while (items.hasNextArrayValue()) {
                try {
                    list.add(items.decodeNull() ? null : Strings.text(items));
                } catch (SerdeException e) {
                    e.getPath().add(ReferencePath.ofCollection(ArrayList.class, type, list.size()));
                    throw e;
                }
            }
            items.finishStructure();
            return list;
        }

        @Override
        public List<String> getDefaultValue(DecoderContext context, Argument<? super List<String>> type) {
            return new ArrayList<>();
        }
    }

    /** Only {@code true} and {@code false}. */
    @Singleton
    static final class Booleans implements Deserializer<Boolean> {

        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
            throws IOException {
            if (decoder.decodeArbitrary() instanceof Boolean flag) {
                return flag;
            }
            throw new InvalidValueException("must be true or false");
        }

        @Override
        public Boolean getDefaultValue(DecoderContext context, Argument<? super Boolean> type) {
            return type.isPrimitive() ? Boolean.FALSE : null;
        }
    }

    /** Only JSON integers (no fraction, no exponent, no string) within the range of {@code int}. */
    @Singleton
    static final class Integers implements Deserializer<Integer> {

        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
            throws IOException {
            return switch (decoder.decodeArbitrary()) {
                case Integer number -> number;
                case Long number -> throw outOfRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BigInteger number -> throw outOfRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
                case null, default -> throw new InvalidValueException("must be an integer");
            };
        }

        @Override
        public Integer getDefaultValue(DecoderContext context, Argument<? super Integer> type) {
            return type.isPrimitive() ? 0 : null;
        }
    }

    /** Only JSON integers (no fraction, no exponent, no string) within the range of {@code long}. */
    @Singleton
    static final class Longs implements Deserializer<Long> {

        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type)
            throws IOException {
            return switch (decoder.decodeArbitrary()) {
                case Integer number -> number.longValue();
                case Long number -> number;
                case BigInteger number -> throw outOfRange(Long.MIN_VALUE, Long.MAX_VALUE);
                case null, default -> throw new InvalidValueException("must be an integer");
            };
        }

        @Override
        public Long getDefaultValue(DecoderContext context, Argument<? super Long> type) {
            return type.isPrimitive() ? 0L : null;
        }
    }

    private static InvalidValueException outOfRange(long min, long max) {
        return new InvalidValueException("must be an integer from " + min + " to " + max);
    }
}
