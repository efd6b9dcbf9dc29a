package dev.atomicfunctions.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds something (a handler, as Lambda builds it, with its no-argument constructor) while system properties say
 * otherwise than the environment: Micronaut reads them when the handler's context starts.
 */
public final class SystemProperties {

    private SystemProperties() {
    }

    /**
     * @return what {@code build} returned, the properties restored afterwards. One build at a time: system
     *     properties are the JVM's, and two threads building at once would restore each other's away mid-build
     */
    public static synchronized <T> T during(Map<String, String> properties, Supplier<T> build) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        try {
            return build.get();
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
