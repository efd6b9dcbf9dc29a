package dev.atomicfunctions.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The functions' database role on Aurora DSQL, the counterpart of {@code db/app-user} (PostgreSQL's {@code DO}
 * block and {@code rds_iam} exist nowhere on DSQL): a role that logs in, mapped to the functions' IAM roles
 * ({@code AWS IAM GRANT}, so that their {@code dsql:DbConnect} tokens log in as it), with data access only. One
 * statement per transaction, as DSQL requires of DDL; run after every migration, so that new tables are granted.
 */
final class DsqlAppRole {

    private static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    /** 42710: the mapping (or role) exists already. */
    private static final String DUPLICATE = "42710";

    private DsqlAppRole() {
    }

    static void grant(Connection connection, String role, List<String> iamRoleArns) throws SQLException {
        for (String arn : iamRoleArns) {
            if (!IAM_ROLE_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException("DB_APP_ROLE_ARNS holds no IAM role ARN: " + arn);
            }
        }
        if (!exists(connection, role)) {
            execute(connection, "CREATE ROLE \"" + role + "\" WITH LOGIN");
        }
        for (String arn : iamRoleArns) {
            try {
                execute(connection, "AWS IAM GRANT \"" + role + "\" TO '" + arn + "'");
            } catch (SQLException e) {
                if (!DUPLICATE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        execute(connection, "GRANT USAGE ON SCHEMA public TO \"" + role + "\"");
        execute(connection, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"" + role + "\"");
        execute(connection, "REVOKE ALL ON dsql_schema_history FROM \"" + role + "\"");
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
