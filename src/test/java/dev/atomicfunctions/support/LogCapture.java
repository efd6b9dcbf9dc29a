package dev.atomicfunctions.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects every log event of this JVM while open, to assert what was logged and with which context. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** @return the events logged with this correlation id in their context */
    public List<ILoggingEvent> withCorrelationId(String correlationId) {
        synchronized (appender.list) {
            return appender.list.stream()
                .filter(e -> correlationId.equals(e.getMDCPropertyMap().get("correlationId")))
                .toList();
        }
    }

    /** @return the events of the named logger */
    public List<ILoggingEvent> of(String loggerName) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLoggerName().equals(loggerName)).toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
