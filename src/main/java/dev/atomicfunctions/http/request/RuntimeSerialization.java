package dev.atomicfunctions.http.request;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The Lambda Java runtime's own JSON serialization, reached from the function's code, for SnapStart priming. The
 * runtime reads each event and writes each answer with its serialization library ({@code aws-lambda-java-serialization},
 * in the runtime interface client, loaded by the parent of the function's class loader); for an HTTP API event it
 * uses {@code JacksonFactory.getInstance()}, one static {@code ObjectMapper} whose (de)serializer caches every
 * serializer of the process shares (runtime interface client, {@code EventHandlerLoader.getSerializer}). Round-tripping
 * the priming's events and answers through it leaves that mapper, its classes and their compiled code warm in the
 * snapshot: measured, the first invocation after a restore spent about 20 of its 26 ms there.
 * <p>
 * Only {@code JacksonFactory}: {@code LambdaEventSerializers.serializerFor} registers modules on the shared mapper,
 * which the runtime itself never does for these types. Outside the runtime (tests without the library) there is none.
 */
final class RuntimeSerialization {

    private static final String FACTORY = "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
    private static final String SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

    private final Object factory;
    private final Method serializerFor;
    private final Method fromJson;
    private final Method toJson;

    private RuntimeSerialization(Class<?> factoryType, Class<?> serializerType) throws ReflectiveOperationException {
        this.factory = factoryType.getMethod("getInstance").invoke(null);
        this.serializerFor = factoryType.getMethod("getSerializer", Type.class);
        this.fromJson = serializerType.getMethod("fromJson", InputStream.class);
        this.toJson = serializerType.getMethod("toJson", Object.class, OutputStream.class);
    }

    /** @return the runtime's serialization, when the function runs where it is loaded */
    static Optional<RuntimeSerialization> find() {
        ClassLoader loader = RuntimeSerialization.class.getClassLoader();
        try {
            return Optional.of(new RuntimeSerialization(Class.forName(FACTORY, true, loader),
                Class.forName(SERIALIZER, false, loader)));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** @return the event as the runtime hands it over: written to JSON, then read as the runtime reads an event */
    <T> T read(T event, Class<T> type) {
        byte[] json = write(event, type);
        return type.cast(call(fromJson, serializerFor(type), new ByteArrayInputStream(json)));
    }

    /** @return the answer as the runtime writes it */
    byte[] write(Object answer, Class<?> type) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        call(toJson, serializerFor(type), answer, json);
        return json.toByteArray();
    }

    private Object serializerFor(Class<?> type) {
        return call(serializerFor, factory, type);
    }

    private static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the runtime's serialization failed", e.getCause());
        }
    }
}
