package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes any write safe to repeat, for any entry point: the first request with a key runs the write and stores, in
 * the same transaction, its answer; a repeat with the same key and the same request gets that answer again and
 * writes nothing. Keys belong to one subject and one operation and expire after
 * {@code atomic.idempotency.retention}.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class IdempotencyKeys {

    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyRepository records;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeys(IdempotencyRepository records, JsonMapper json, Clock clock,
                    @Value("${atomic.idempotency.retention}") Duration retention) {
        this.records = records;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Runs {@code write} once per key.
     *
     * @param invocation who asks
     * @param request    the operation, key and request as understood
     * @param answerType the answer's type, for reading a stored answer back
     * @param write      the write, run in the caller's transaction when the key is new (or absent)
     * @return the fresh answer, or the stored one when this key was already used for the same request
     * @throws InvalidIdempotencyKeyException        when the key is malformed
     * @throws IdempotencyKeyReusedException         when the key was used for a different request
     * @throws IdempotentRequestInProgressException  when a request with the same key committed meanwhile: this
     *     transaction must roll back, and a retry will replay that request's answer
     */
    public <T> Outcome<T> once(Invocation invocation, IdempotentRequest request, Class<T> answerType,
                               Supplier<T> write) {
        if (request.key() == null) {
            return new Outcome<>(write.get(), false);
        }
        requireWellFormed(request.key());
        String fingerprint = request.fingerprint(json);
        Optional<IdempotencyRecord> earlier = records.findLive(invocation.subject(), request.operation(),
            request.formerly() != null ? request.formerly() : request.operation(), request.key(), expiredBefore());
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            return new Outcome<>(read(earlier.get().response(), answerType), true);
        }
        T answer = write.get();
        Instant now = clock.instant();
        if (records.insertOrReplaceExpired(invocation.subject(), request.operation(), request.key(), fingerprint,
            write(answer), now, expiredBefore()) == 0) {
            throw new IdempotentRequestInProgressException();
        }
        return new Outcome<>(answer, false);
    }

    /** @return how many expired records (keys and de-duplication records alike) were deleted, at most {@code limit} */
    public int purgeExpired(int limit) {
        return records.deleteCreatedBefore(expiredBefore(), limit);
    }

    private Instant expiredBefore() {
        return clock.instant().minus(retention);
    }

    private static void requireWellFormed(String key) {
        if (!WELL_FORMED.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
