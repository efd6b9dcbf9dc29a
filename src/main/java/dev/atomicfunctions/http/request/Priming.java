package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.http.request.PrimingRequests.PrimingRequest;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.invocation.InvocationEnd;
import dev.atomicfunctions.platform.transaction.DryRun;
import dev.atomicfunctions.platform.transaction.DryRunTransaction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.util.StringUtils;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyEventHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Priming: runs the API's request path in process, through the handler's own exchange, so that it is loaded,
 * initialised and compiled (routing, filters, binding, validation, serde, the transaction code, the JDBC driver and
 * its statements, problem documents, logging) before the first request: before a SnapStart snapshot
 * ({@link SnapStartPriming}), which keeps it, or at init on Lambda Managed Instances ({@link ManagedInstancesPriming}),
 * where an environment starts once and then serves for hours. The requests are the features' own
 * ({@link PrimingRequests}, one bean per feature's adapter): each round sends every adapter's requests that go alone,
 * then each adapter's requests that go together, in one transaction (such as a product and an order for it). Nothing it writes is kept and no connection
 * is left dirty:
 * <ul>
 *   <li>the requests run in a {@link DryRun}: every transaction that could write rolls back where it would commit;
 *   requests sent together share one ({@link DryRunTransaction}), so an order locks a product no one else sees;
 *   nothing is sent to a queue;</li>
 *   <li>they act as {@link #SUBJECT}, a system subject the HTTP edge refuses from outside ({@link InvocationBinder}
 *   accepts it in a dry run only, which only code in this process can start), with the configured administrator
 *   groups and scopes (to create the product); no caller can act as it, and it owns no data;</li>
 *   <li>each transaction ends rolled back, so its connection goes back to the pool clean; before a snapshot the pool
 *   is then suspended and its connections closed ({@link SnapStartPriming}).</li>
 * </ul>
 * The rounds: {@code atomic.snapstart.priming-rounds} ({@code SNAPSTART_PRIMING_ROUNDS}, 300). One loads and
 * initialises the path; a few hundred also get it compiled (Lambda's JVM compiles with C1 only, a method after some
 * 200 calls), and the snapshot keeps the compiled code: the more rounds, the faster the first invocation after a
 * restore, with little gained beyond a few hundred (the benchmark's README has the numbers), which take a few seconds
 * of an initialisation Lambda allows at least 130 s. After the rounds, a full garbage collection and one last round
 * (see {@link #prime}), so that the restored heap needs no collection at once. Each HTTP API event and answer also
 * goes through the Lambda runtime's own JSON serialization ({@link RuntimeSerialization}), as an invocation's do,
 * because that reading is part of the first invocation too.
 * <p>
 * An on-demand cold start without SnapStart never primes. {@code atomic.snapstart.priming} ({@code SNAPSTART_PRIMING},
 * on by default) turns it off. The requests use the payload of the function's handler
 * ({@code atomic.snapstart.handler}, set from Lambda's {@code _HANDLER}: v1 for the REST API function, v2
 * otherwise); a function whose handler is not an API's primes nothing. A failed priming is logged and never fails
 * the snapshot or the init: the function then only starts slower.
 */
@Singleton
@Requires(property = "atomic.snapstart.priming", notEquals = StringUtils.FALSE, defaultValue = StringUtils.TRUE)
final class Priming {

    /** Who the priming requests act as: a system subject, accepted from in-process dry runs only. */
    static final String SUBJECT = Invocation.systemSubject("snapstart-priming");
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final ApplicationContext applicationContext;
    private final List<PrimingRequests> features;
    private final DryRunTransaction together;
    private final String handler;
    private final int rounds;
    private final PrimingEvents events;

    Priming(ApplicationContext applicationContext, List<PrimingRequests> features, DryRunTransaction together,
                     @Value("${atomic.snapstart.handler:}") String handler,
                     @Value("${atomic.snapstart.priming-rounds:300}") int rounds,
                     @Value("${atomic.authz.admin-groups}") List<String> adminGroups,
                     @Value("${atomic.authz.admin-scopes}") List<String> adminScopes) {
        this.applicationContext = applicationContext;
        this.features = features;
        this.together = together;
        this.handler = handler;
        this.rounds = rounds;
        this.events = new PrimingEvents(adminGroups, adminScopes);
    }

    /** What a priming request got. */
    private record Answer(int status, String body) {
    }

    /**
     * @param occasion what it primes for, for the log: {@code snapshot} or {@code init}
     * @return the status each request answered in the last round, in order; empty when this function serves no API
     */
    List<Integer> prime(String occasion) {
        Function<PrimingRequest, Answer> send;
        if (handler.contains(".payload1.")) {
            ApiGatewayProxyEventHandler v1 = new ApiGatewayProxyEventHandler(applicationContext);
            send = request -> {
                APIGatewayProxyResponseEvent response = v1.exchange(events.v1Event(request),
                    new APIGatewayProxyResponseEvent()).getResponse().getNativeResponse();
                return new Answer(response.getStatusCode(), response.getBody());
            };
        } else if (handler.isEmpty() || handler.startsWith(HttpApiFunction.class.getName())
            || handler.contains(".payload2.")) {
            // The handler's own exchange, on a second instance: closing one would close the application context.
            HttpApiExchanges v2 = new HttpApiExchanges(applicationContext);
            // Each event and answer also goes through the runtime's own JSON serialization, as an invocation's do.
            Optional<RuntimeSerialization> runtime = RuntimeSerialization.find();
            send = request -> {
                APIGatewayV2HTTPEvent event = events.v2Event(request);
                if (runtime.isPresent()) {
                    event = runtime.get().read(event, APIGatewayV2HTTPEvent.class);
                }
                APIGatewayV2HTTPResponse response = v2.exchange(event, new APIGatewayV2HTTPResponse())
                    .getResponse().getNativeResponse();
                runtime.ifPresent(serialization -> serialization.write(response, APIGatewayV2HTTPResponse.class));
                return new Answer(response.getStatusCode(), response.getBody());
            };
        } else {
            LOG.atInfo().addKeyValue("handler", handler).log("priming skipped: not an API function");
            return List.of();
        }
        long start = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        MDC.clear();
        try {
            DryRun.run(() -> {
                for (int round = 0; round < rounds; round++) {
                    round(send, statuses, expected);
                }
                // A full collection now, not after the restore: with Lambda's flags the heap starts at 16 MB and
                // metaspace at its first threshold, so the first invocation after a restore would pay a full GC
                // ("Metadata GC Threshold") once the runtime loaded its JSON classes. Collected here, the snapshot
                // holds a compact heap and a raised threshold. One more round then brings back what the
                // collection dropped (soft-referenced caches), which the first invocation would otherwise rebuild.
                System.gc();
                round(send, statuses, expected);
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName())
                .log("priming failed: the function starts slower", e);
        } finally {
            InvocationEnd.clear();
        }
        (statuses.equals(expected) ? LOG.atInfo() : LOG.atWarn())
            .addKeyValue("rounds", rounds + 1)
            .addKeyValue("statuses", statuses.toString())
            .addKeyValue("expected", expected.toString())
            .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
            .addKeyValue("occasion", occasion)
            .log("priming: {} requests, {} rounds, every write rolled back", statuses.size(), rounds + 1);
        return statuses;
    }

    /** Sends one round, adding what each request answered to {@code statuses} and what it should to {@code expected}. */
    private void round(Function<PrimingRequest, Answer> send, List<Integer> statuses, List<Integer> expected) {
        statuses.clear();
        expected.clear();
        for (PrimingRequests feature : features) {
            for (PrimingRequest request : feature.alone()) {
                expected.add(request.expectedStatus());
                statuses.add(invoke(send, request).status());
            }
        }
        for (PrimingRequests feature : features) {
            together.run(() -> {
                String body = null;
                for (Function<String, PrimingRequest> next : feature.together()) {
                    PrimingRequest request = next.apply(body);
                    Answer answer = invoke(send, request);
                    expected.add(request.expectedStatus());
                    statuses.add(answer.status());
                    body = answer.body();
                }
                return null;
            });
        }
    }

    private Answer invoke(Function<PrimingRequest, Answer> send, PrimingRequest request) {
        // As the Lambda handler does first on every invocation: the Lambda context into the log context.
        HandlerUtils.configureWithContext(() -> applicationContext, new PrimingContext());
        return send.apply(request);
    }

    /** {@code true} when the subject is the priming's and the request runs in a dry run: only priming starts one. */
    static boolean primes(String subject) {
        return SUBJECT.equals(subject) && DryRun.active();
    }
}
