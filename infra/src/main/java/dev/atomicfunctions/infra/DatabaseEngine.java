package dev.atomicfunctions.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The database a deployment runs on ({@code -c databaseEngine=rds|aurora|dsql}), and what the functions are told about
 * it ({@code DB_ENGINE}): the application picks its driver set-up from that.
 */
enum DatabaseEngine {

    /** RDS for PostgreSQL behind RDS Proxy ({@link Database}): the default, and the stack as it always was. */
    RDS("postgres"),
    /** Aurora PostgreSQL Serverless v2, a writer and a reader, behind RDS Proxy ({@link AuroraDatabase}). */
    AURORA("postgres"),
    /** Aurora DSQL ({@link DsqlDatabase}): no VPC, no proxy; the functions run outside any VPC. */
    DSQL("admin");

    /**
     * The database user the migration function logs in as: the master user PostgreSQL was created with, or the
     * {@code admin} role every DSQL cluster has (the only one that may run DDL and create roles).
     */
    private final String adminUser;

    DatabaseEngine(String adminUser) {
        this.adminUser = adminUser;
    }

    String adminUser() {
        return adminUser;
    }

    /** @return the value of {@code DB_ENGINE} and of the context option: {@code rds}, {@code aurora}, {@code dsql} */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the database lives in the stack's VPC, and the functions with it */
    boolean inVpc() {
        return this != DSQL;
    }

    /** @return the Aurora minimum capacity: 0 (auto-pause) by default with Aurora, refused with another engine */
    Double auroraMinAcu(Double minAcu) {
        if (this != AURORA) {
            if (minAcu != null) {
                throw new IllegalArgumentException("context auroraMinAcu applies to Aurora only: add"
                    + " -c databaseEngine=aurora, or leave it out");
            }
            return null;
        }
        double acus = minAcu == null ? 0 : minAcu;
        // Aurora takes capacities in half steps; above the maximum, the minimum would be refused by CloudFormation.
        if (acus < 0 || acus > AuroraDatabase.MAX_ACU || acus * 2 != Math.rint(acus * 2)) {
            throw new IllegalArgumentException("context auroraMinAcu must be between 0 and " + AuroraDatabase.MAX_ACU
                + " ACUs in steps of 0.5 (0: the instances may pause): " + minAcu);
        }
        return acus;
    }

    /**
     * Refuses the combinations that would deploy something other than what they say. Lambda Managed Instances run in
     * the VPC, which a DSQL deployment does not have: from there DSQL is reached through a PrivateLink connection
     * endpoint of the cluster's own ({@code com.amazonaws.<region>.dsql-<id>}), whose private host name the tokens
     * must be signed for; none of that is verified here, so the combination is refused rather than deployed blind.
     * A standby ({@code multiAz}) is RDS's: the Aurora cluster always has its reader in a second zone, and DSQL
     * spreads over three zones itself.
     */
    void refuseWhatItCannotHave(boolean managedInstances, boolean multiAz) {
        if (managedInstances && this == DSQL) {
            throw new IllegalArgumentException("context managedInstances=true cannot be combined with"
                + " databaseEngine=dsql: Lambda Managed Instances run in the stack's VPC, which a DSQL deployment does"
                + " not have (its functions reach DSQL and SQS over AWS's public endpoints), and this stack does not"
                + " build DSQL's PrivateLink connection endpoint. Deploy dsql on demand, or Managed Instances with"
                + " databaseEngine=rds or aurora");
        }
        if (multiAz && this != RDS) {
            throw new IllegalArgumentException("context multiAz=true applies to RDS only: the Aurora cluster always has"
                + " a reader in a second zone, and DSQL spans three zones itself; leave it out");
        }
    }

    /** @return the engine named {@code value}; a typo is refused rather than read as the default */
    static DatabaseEngine of(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(engine -> engine.value().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("context databaseEngine must be one of "
                + Arrays.stream(values()).map(DatabaseEngine::value).collect(Collectors.joining(", ")) + ": "
                + value));
    }
}
