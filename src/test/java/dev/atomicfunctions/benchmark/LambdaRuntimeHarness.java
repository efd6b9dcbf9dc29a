package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Loads and invokes a handler as the Lambda Java runtime does: the handler's classes come from their own class
 * loader over the deployment package (or, with {@code classpath}, from the application class path, which is what a
 * JDK AOT cache can cover) and are the context class loader, the handler is built with its no-argument
 * constructor, and the event is read from JSON, and the answer written back, by the runtime's own serializers
 * ({@code aws-lambda-java-serialization}), chosen as the runtime interface client chooses them. Runs in a JVM of its own, started
 * by {@link ColdStartBenchmark}; its class path holds only the runtime's libraries and this class.
 * <p>
 * Arguments: {@code mode loader handlerClass handlerClassPath eventFile [invocations]}; mode is {@code cold} (one
 * invocation), {@code warm} (timed invocations), {@code train} (invocations for an AOT cache training run) or
 * {@code restore} (init, then what SnapStart runs around a snapshot: the CRaC resources' {@code beforeCheckpoint},
 * SnapStart priming among them unless {@code SNAPSTART_PRIMING=false}, and {@code afterRestore}; then one timed
 * invocation); loader is {@code isolated} or {@code classpath}. Prints one result line: {@code key=value} pairs.
 */
public final class LambdaRuntimeHarness {

    /** Untimed invocations before a warm measurement. */
    static final int WARM_UP = 200;

    private LambdaRuntimeHarness() {
    }

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String mode = args[0];
        ClassLoader loader = args[1].equals("isolated")
            ? new URLClassLoader(urls(args[3]), ClassLoader.getSystemClassLoader())
            : ClassLoader.getSystemClassLoader();
        // As the runtime does: the handler's own loader is the context loader (JDBC drivers are found through it).
        Thread.currentThread().setContextClassLoader(loader);
        String json = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8);
        int invocations = args.length > 5 ? Integer.parseInt(args[5]) : 1;

        @SuppressWarnings("unchecked")
        Class<RequestHandler<Object, Object>> type = (Class<RequestHandler<Object, Object>>) Class.forName(args[2], true, loader);
        RequestHandler<Object, Object> handler = type.getDeclaredConstructor().newInstance();
        long initialised = System.nanoTime();
        long checkpointNanos = 0;
        long restoreNanos = 0;
        long heapAtCheckpoint = -1;
        if (mode.equals("restore")) {
            // What Lambda does between init and the first invocation of a SnapStart function, in this JVM: the
            // CRaC resources' beforeCheckpoint (SnapStart priming, if on, then the pool emptied), the snapshot (the
            // heap as it is now), and after restore their afterRestore (the pool resumed).
            List<Object> resources = cracResources(handler, loader);
            Class<?> resource = Class.forName("org.crac.Resource", false, loader);
            Class<?> context = Class.forName("org.crac.Context", false, loader);
            long start = System.nanoTime();
            for (int i = resources.size() - 1; i >= 0; i--) {
                resource.getMethod("beforeCheckpoint", context).invoke(resources.get(i), (Object) null);
            }
            checkpointNanos = System.nanoTime() - start;
            heapAtCheckpoint = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            start = System.nanoTime();
            for (Object each : resources) {
                resource.getMethod("afterRestore", context).invoke(each, (Object) null);
            }
            restoreNanos = System.nanoTime() - start;
        }
        long firstInvocation = 0;
        long firstHandler = 0;
        PojoSerializer<Object> events = serializer(eventType(type, 0), loader);
        PojoSerializer<Object> responses = serializer(eventType(type, 1), loader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // Warm mode first lets the JIT and the pool settle; those invocations are not timed.
        int untimed = mode.equals("warm") ? WARM_UP : 0;
        long[] nanos = new long[invocations];
        int status = 0;
        for (int i = -untimed; i < invocations; i++) {
            long start = System.nanoTime();
            // As the runtime interface client reads an event: from the stream of the invocation's body.
            Object event = events.fromJson(new ByteArrayInputStream(json.replace("${requestId}",
                UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8)));
            long handlerStart = System.nanoTime();
            Object response = handler.handleRequest(event, new HarnessContext(UUID.randomUUID().toString()));
            long handlerEnd = System.nanoTime();
            out.reset();
            responses.toJson(response, out);
            status = statusOf(response);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
            if (firstInvocation == 0) {
                firstInvocation = System.nanoTime() - start;
                firstHandler = handlerEnd - handlerStart;
            }
            if (status != 201) {
                throw new IllegalStateException("handler answered " + status + ": " + response);
            }
        }
        Arrays.sort(nanos);
        System.out.printf("RESULT mode=%s status=%d invocations=%d initUs=%d checkpointUs=%d restoreUs=%d "
                + "firstInvocationUs=%d firstHandlerUs=%d p50us=%d p99us=%d peakRssKb=%d heapAtCheckpointKb=%d%n",
            mode, status, invocations, (initialised - mainStarted) / 1000, checkpointNanos / 1000,
            restoreNanos / 1000, firstInvocation / 1000, firstHandler / 1000, nanos[invocations / 2] / 1000,
            nanos[(int) Math.ceil(invocations * 0.99) - 1] / 1000, peakRssKb(), heapAtCheckpoint / 1024);
        System.exit(0);
    }

    /**
     * The function's CRaC resources in their registration order (micronaut-crac registers them sorted by
     * {@code Ordered}), read from its application context by reflection: they live in the handler's class loader.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> cracResources(Object handler, ClassLoader loader) throws Exception {
        Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
        Class<?> ordered = Class.forName("io.micronaut.crac.OrderedResource", false, loader);
        List<Object> resources = new ArrayList<>((Collection<Object>) Class.forName("io.micronaut.context.BeanLocator",
            false, loader).getMethod("getBeansOfType", Class.class).invoke(context, ordered));
        Class.forName("io.micronaut.core.order.OrderUtil", true, loader).getMethod("sort", List.class)
            .invoke(null, resources);
        return resources;
    }

    /**
     * The runtime's choice of serializer: its event serializers for the events it lists as supported, otherwise
     * its Jackson factory (which is what an HTTP API v2 event gets).
     */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
            ? LambdaEventSerializers.serializerFor((Class<Object>) type, loader)
            : JacksonFactory.getInstance().getSerializer((Type) type);
    }

    /** Type argument {@code index} of {@code RequestHandler<I, O>}, resolved from the declared interfaces. */
    static Class<?> eventType(Class<?> type, int index) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                    && p.getActualTypeArguments()[index] instanceof Class<?> argument) {
                    return argument;
                }
            }
        }
        throw new IllegalArgumentException(type + " does not declare RequestHandler<I, O> with classes");
    }

    static int statusOf(Object response) throws ReflectiveOperationException {
        return (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
    }

    static URL[] urls(String classPath) throws Exception {
        String[] entries = classPath.split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = new File(entries[i]).toURI().toURL();
        }
        return urls;
    }

    /** Peak resident set size of this process (Linux), the memory a Lambda environment is billed against. */
    static long peakRssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmHWM:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst().orElse(-1);
    }

    /** What the runtime passes as the invocation context. */
    static final class HarnessContext implements Context {
        private final String requestId;

        HarnessContext(String requestId) {
            this.requestId = requestId;
        }

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/benchmark"; }
        @Override public String getLogStreamName() { return "benchmark"; }
        @Override public String getFunctionName() { return "benchmark"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:benchmark"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
