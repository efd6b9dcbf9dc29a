package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.shared.request.Caller;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a create safe to retry: the first request with an {@code Idempotency-Key} writes its resource and, in the
 * same transaction, its answer; a retry with the same key and the same request gets that answer again and writes
 * nothing. Keys belong to one caller and one operation and expire after {@code atomic.idempotency.retention}.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class IdempotencyKeys {

    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyRepository records;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeys(IdempotencyRepository records, Clock clock,
                    @Value("${atomic.idempotency.retention}") Duration retention) {
        this.records = records;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * @param caller    who asks
     * @param operation what is asked, for example {@code POST /tasks}
     * @param key       the caller's idempotency key
     * @param request   the request as understood (its fingerprint is compared)
     * @return the first answer's body when this key was already used for the same request
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    public Optional<String> replay(Caller caller, String operation, String key, String request) {
        requireWellFormed(key);
        return records.findByOwnerIdAndOperationAndIdempotencyKeyAndCreatedAtGreaterThanEquals(
                caller.subject(), operation, key, expiredBefore())
            .map(record -> {
                if (!record.fingerprint().equals(fingerprint(request))) {
                    throw new IdempotencyKeyReusedException();
                }
                return record.response();
            });
    }

    /**
     * Records the answer to the first request with this key, in the transaction that wrote the resource.
     *
     * @throws IdempotentRequestInProgressException when another request with the same key committed first: this
     *     transaction must roll back, and a retry will replay that request's answer
     */
    public void remember(Caller caller, String operation, String key, String request, String resourceId,
                         String response) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (records.insertOrReplaceExpired(caller.subject(), operation, key, fingerprint(request), resourceId,
            response, now, expiredBefore()) == 0) {
            throw new IdempotentRequestInProgressException();
        }
    }

    private Instant expiredBefore() {
        return clock.instant().minus(retention);
    }

    private static void requireWellFormed(String key) {
        if (!WELL_FORMED.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
    }

    private static String fingerprint(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
