package dev.atomicfunctions.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging for every function: one JSON object per line on stdout (which Lambda ships to CloudWatch Logs), written by
 * logback's own {@link JsonEncoder}. Configured in code rather than {@code logback.xml}: parsing XML at every cold
 * start costs tens of milliseconds for a configuration that never changes. MDC carries the Lambda request id
 * ({@code AWSRequestId}), API Gateway's request id ({@code apiRequestId}), the correlation id and the caller;
 * key/value pairs carry structured fields such as a transaction's outcome and duration. {@code LOG_LEVEL} sets the
 * root level (default INFO).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class JsonLinesConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithThreadName(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("LOG_LEVEL"), Level.INFO));
        root.addAppender(stdout);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("io.zonky").setLevel(Level.WARN);
        // Its one error line, "Commit exception overridden by rollback exception", is a COMMIT whose connection
        // broke: the transaction retrier asks the database what became of it and logs that, with its id.
        context.getLogger("io.micronaut.transaction.jdbc.DataSourceTransactionManager").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
