package dev.atomicfunctions.http.request;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the API function's application context: Micronaut's, except that it looks up the publisher of each event
 * type once. Micronaut's servlet handler publishes two events on every request, and the context looked their
 * publisher up with {@code getBean} each time; the publishers are a prototype bean (micronaut-inject 4.10), so each
 * lookup built a new bean registration, work a warm request need not do twice. The publisher it returns is the same
 * object every time (Micronaut keeps one per event type, with its listeners), so keeping it changes nothing else.
 */
final class HttpApiContextBuilder extends LambdaApplicationContextBuilder {

    @Override
    protected ApplicationContext newApplicationContext() {
        return new Context(this);
    }

    private static final class Context extends DefaultApplicationContext {

        private final Map<Class<?>, ApplicationEventPublisher<Object>> publishers = new ConcurrentHashMap<>();

        Context(ApplicationContextConfiguration configuration) {
            super(configuration);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void publishEvent(Object event) {
            if (event != null) {
                publishers.computeIfAbsent(event.getClass(),
                    type -> getBean(Argument.of(ApplicationEventPublisher.class, type))).publishEvent(event);
            }
        }
    }
}
