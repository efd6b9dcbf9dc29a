package dev.atomicfunctions.support;

import software.amazon.jdbc.ConnectionPluginFactory;
import software.amazon.jdbc.HostSpec;
import software.amazon.jdbc.JdbcCallable;
import software.amazon.jdbc.JdbcMethod;
import software.amazon.jdbc.PluginService;
import software.amazon.jdbc.plugin.AbstractConnectionPlugin;
import software.amazon.jdbc.plugin.failover.FailoverSuccessSQLException;
import software.amazon.jdbc.plugin.failover.TransactionStateUnknownSQLException;
import software.amazon.jdbc.profile.ConfigurationProfileBuilder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An Aurora failover, as the AWS Advanced JDBC Wrapper's failover plugin reports it, on a real PostgreSQL: when a
 * call on the wrapper's connection fails because the connection broke for real (a socket cut, a COMMIT reply lost:
 * what a writer's crash does), this plugin, armed, does what the failover plugin does once it has found the new
 * writer. It opens a new physical connection (to the same server: there is one), puts it under the application's
 * {@code Connection}, and raises the wrapper's own exception: {@link FailoverSuccessSQLException} (08S02, "the
 * transaction was rolled back") or {@link TransactionStateUnknownSQLException} (08007). The plugin chooses between
 * them by the wrapper's own view of the transaction ({@code PluginService.isInTransaction()}), which said "none" in
 * each of our transactions here, even at COMMIT: so the test names the one to raise, and the application must never
 * trust it. What this cannot show: finding the new writer in Aurora's topology, and the seconds a failover takes.
 */
public final class SimulatedFailover extends AbstractConnectionPlugin {

    /** The wrapper's configuration profile that loads this plugin alone ({@code wrapperProfileName}). */
    public static final String PROFILE = "simulated-failover";
    public static final String SUCCEEDED = "08S02";
    public static final String TRANSACTION_STATE_UNKNOWN = "08007";
    private static final AtomicReference<String> ARMED = new AtomicReference<>();
    private static final AtomicReference<String> RAISED = new AtomicReference<>();

    static {
        ConfigurationProfileBuilder.get().withName(PROFILE).withPluginFactories(List.of(Factory.class)).buildAndSet();
    }

    private final PluginService pluginService;
    private final Properties properties;

    SimulatedFailover(PluginService pluginService, Properties properties) {
        this.pluginService = pluginService;
        this.properties = properties;
    }

    /** Registers the profile (this class's initialisation does it); call before the first connection. */
    public static void register() {
        // Nothing more than loading the class.
    }

    /**
     * The next connection failure, anywhere, fails over and is reported so.
     *
     * @param sqlState {@link #SUCCEEDED} or {@link #TRANSACTION_STATE_UNKNOWN}
     */
    public static void arm(String sqlState) {
        RAISED.set(null);
        ARMED.set(sqlState);
    }

    public static void disarm() {
        ARMED.set(null);
    }

    /** @return the SQLState of the failover reported, or null when none happened since {@link #arm()} */
    public static String raised() {
        return RAISED.get();
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
        try {
            return jdbcMethodFunc.call();
        } catch (Exception failure) {
            String report = ARMED.get();
            if (!(failure instanceof SQLException sql) || !brokeTheConnection(sql) || report == null
                || !ARMED.compareAndSet(report, null)) {
                throw failure;
            }
            try {
                failOver();
            } catch (SQLException reconnect) {
                failure.addSuppressed(reconnect);
                throw failure;
            }
            SQLException reported = TRANSACTION_STATE_UNKNOWN.equals(report)
                ? new TransactionStateUnknownSQLException(failure)
                : new FailoverSuccessSQLException(failure);
            RAISED.set(reported.getSQLState());
            throw (E) reported;
        }
    }

    private static boolean brokeTheConnection(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("08");
    }

    private void failOver() throws SQLException {
        HostSpec writer = pluginService.getCurrentHostSpec();
        Connection broken = pluginService.getCurrentConnection();
        Connection fresh = pluginService.forceConnect(writer, properties);
        pluginService.setCurrentConnection(fresh, writer);
        try {
            broken.close();
        } catch (SQLException alreadyGone) {
            // The physical connection is already broken: nothing to close.
        }
    }

    /** Instantiated by the wrapper for each connection. */
    public static final class Factory implements ConnectionPluginFactory {
        @Override
        public software.amazon.jdbc.ConnectionPlugin getInstance(
            software.amazon.jdbc.util.FullServicesContainer services, Properties properties) {
            return new SimulatedFailover(services.getPluginService(), properties);
        }
    }
}
