package dev.atomicfunctions.support;

import software.amazon.jdbc.ConnectionPlugin;
import software.amazon.jdbc.ConnectionPluginFactory;
import software.amazon.jdbc.JdbcCallable;
import software.amazon.jdbc.JdbcMethod;
import software.amazon.jdbc.plugin.AbstractConnectionPlugin;
import software.amazon.jdbc.profile.ConfigurationProfileBuilder;
import software.amazon.jdbc.util.FullServicesContainer;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * PostgreSQL made to behave like Aurora DSQL where it can, as a plugin of the AWS Advanced JDBC Wrapper between the
 * functions and the server: what DSQL refuses is refused here, with DSQL's SQLState (0A000, feature not supported),
 * before it reaches the server. Refused: savepoints; a {@code FOR UPDATE} other than on one table by its whole
 * primary key ({@code id = ?}); {@code SKIP LOCKED} and {@code NOWAIT}; what DSQL has not (transaction ids and their
 * status, other sessions' activity, advisory locks, {@code TRUNCATE}, temporary tables). The database itself runs
 * every transaction at REPEATABLE READ (DSQL's snapshot isolation; set on the database by the test). What remains
 * PostgreSQL's: a concurrent write of the same row waits for the first and then fails with 40001 at that statement,
 * where DSQL would not wait and fail the COMMIT (40001, OC000); both are retried the same way.
 */
public final class DsqlEmulation extends AbstractConnectionPlugin {

    /** The wrapper's configuration profile that loads this plugin alone ({@code wrapperProfileName}). */
    public static final String PROFILE = "dsql-emulation";
    private static final String NOT_SUPPORTED = "0A000";
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final Pattern ABSENT = Pattern.compile(
        "(?is).*\\b(savepoint|pg_current_xact_id|pg_xact_status|pg_stat_activity|pg_terminate_backend"
            + "|pg_(try_)?advisory\\w*|truncate|temp(orary)?\\s+table|skip\\s+locked|nowait)\\b.*");
    private static final Pattern FOR_UPDATE = Pattern.compile("(?is).*\\bfor\\s+update\\b.*");
    /** One table, no join, its primary key named by equality (every table's key here is {@code id}). */
    private static final Pattern LOCK_BY_PRIMARY_KEY = Pattern.compile(
        "(?is)\\s*select\\s.+?\\sfrom\\s+\"?\\w+\"?(\\s+\\w+)?\\s+where\\s+(.+\\s+and\\s+)?(\\w+\\.)?id\\s*=\\s*\\?.*");
    private static final Set<String> STATEMENTS = Set.of("Connection.prepareStatement", "Connection.prepareCall",
        "Statement.execute", "Statement.executeQuery", "Statement.executeUpdate", "Statement.addBatch",
        "Statement.executeLargeUpdate");

    static {
        ConfigurationProfileBuilder.get().withName(PROFILE).withPluginFactories(List.of(Factory.class)).buildAndSet();
    }

    /** Registers the profile (this class's initialisation does it); call before the first connection. */
    public static void register() {
        // Nothing more than loading the class.
    }

    /** @return how many statements were refused since the JVM started */
    public static int refused() {
        return REFUSED.get();
    }

    @Override
    public Set<String> getSubscribedMethods() {
        return Set.of(JdbcMethod.ALL.methodName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T execute(Class<T> resultClass, Class<E> exceptionClass, Object methodInvokeOn,
                                              String methodName, JdbcCallable<T, E> jdbcMethodFunc,
                                              Object[] jdbcMethodArgs) throws E {
        String refusal = refusal(methodName, jdbcMethodArgs);
        if (refusal != null) {
            REFUSED.incrementAndGet();
            throw (E) new SQLException("DSQL emulation: " + refusal, NOT_SUPPORTED);
        }
        return jdbcMethodFunc.call();
    }

    /** @return why DSQL would refuse this call, or null when it would not */
    public static String refusal(String methodName, Object[] args) {
        if (methodName.startsWith("Connection.setSavepoint") || methodName.startsWith("Connection.rollback")
            && args != null && args.length == 1) {
            return "SAVEPOINT is not supported";
        }
        if (!STATEMENTS.contains(methodName) || args == null || args.length == 0 || !(args[0] instanceof String sql)) {
            return null;
        }
        if (ABSENT.matcher(sql).matches()) {
            return "not supported by Aurora DSQL: " + sql.strip().lines().findFirst().orElse("");
        }
        if (FOR_UPDATE.matcher(sql).matches() && (!LOCK_BY_PRIMARY_KEY.matcher(sql).matches()
            || sql.toLowerCase(Locale.ROOT).contains(" join "))) {
            return "FOR UPDATE only on one table by its whole primary key: " + sql.strip();
        }
        return null;
    }

    /** Instantiated by the wrapper for each connection. */
    public static final class Factory implements ConnectionPluginFactory {
        @Override
        public ConnectionPlugin getInstance(FullServicesContainer services, Properties properties) {
            return new DsqlEmulation();
        }
    }
}
