package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * What the functions connect to, whichever engine the deployment chose ({@link DatabaseEngine}): {@link Database}
 * (RDS), {@link AuroraDatabase} or {@link DsqlDatabase}. {@link Functions} reads the connection settings and grants
 * from here, {@link Migrations} runs after it exists, {@link Alarms} watches its proxy if it has one.
 */
abstract class SqlDatabase extends Construct {

    SqlDatabase(Construct scope, String id) {
        super(scope, id);
    }

    /** @return {@code DB_URL}: host, port, database, TLS with the certificate and host name verified */
    abstract String jdbcUrl();

    /**
     * @return what the functions are told beyond {@code DB_URL}, {@code DB_USERNAME} and the shared settings, sorted:
     *     {@code DB_ENGINE} for Aurora and DSQL; nothing on RDS, which the application assumes without it (and the
     *     default stack stays as it was)
     */
    abstract Map<String, String> engineEnvironment();

    /** Lets {@code grantee} log in as {@code user} with IAM, and nothing more. */
    abstract void grantConnect(IGrantable grantee, String user);

    /** @return the RDS Proxy in front, or null when there is none (DSQL) */
    abstract DatabaseProxy proxy();

    /**
     * @return how many database connections every pool of every function, together, may hold: what the Managed
     *     Instances option sizes its pools from ({@link ManagedInstances#poolSizePerEnvironment})
     */
    abstract int connectionBudget();

    /**
     * Tells the migration function which IAM roles the app functions run as, where the engine maps a database role to
     * IAM roles in SQL rather than in IAM alone (DSQL's {@code AWS IAM GRANT}); nothing to do elsewhere.
     */
    void mapAppRoles(AtomicFunction migration, List<AtomicFunction> apps) {
    }
}
