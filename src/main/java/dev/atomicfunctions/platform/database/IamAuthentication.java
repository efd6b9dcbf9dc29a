package dev.atomicfunctions.platform.database;

import org.postgresql.PGProperty;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dsql.DsqlUtilities;
import software.amazon.awssdk.services.rds.RdsUtilities;

import java.util.Properties;

/**
 * The password pgjdbc sends when the server (RDS Proxy, Aurora DSQL) asks for one. pgjdbc creates this plugin for
 * every new connection ({@code authenticationPluginClassName}), so each connection gets a fresh IAM authentication
 * token, signed locally with the function's role by the AWS SDK ({@link RdsUtilities}, or {@link DsqlUtilities} when
 * {@value #ENGINE} is {@code DSQL}: the {@code admin} role signs for {@code DbConnectAdmin}, any other role for
 * {@code DbConnect}): no long-lived password exists anywhere, and an expired token (15 minutes) can never be reused
 * because it is never kept.
 *
 * <p>With {@value #IAM_AUTH} off (the default: local runs and tests) it hands pgjdbc the configured password, as if
 * no plugin were set. The token is signed for the host, port and user of the connection being opened.
 */
public final class IamAuthentication implements AuthenticationPlugin {

    /** Driver property: {@code true} to authenticate with IAM tokens. */
    public static final String IAM_AUTH = "atomicIamAuth";
    /** Driver property: the AWS region the database lives in. */
    public static final String REGION = "atomicAwsRegion";
    /** Driver property: the {@link DatabaseEngine}, which decides the service the token is signed for. */
    public static final String ENGINE = "atomicEngine";
    private static final String DSQL_ADMIN = "admin";

    private final Properties connection;
    private final AwsCredentialsProvider credentials;

    /** Called by pgjdbc with the properties of the connection it is opening. */
    public IamAuthentication(Properties connection) {
        this(connection, Credentials.DEFAULT);
    }

    IamAuthentication(Properties connection, AwsCredentialsProvider credentials) {
        this.connection = connection;
        this.credentials = credentials;
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
        if (!Boolean.parseBoolean(connection.getProperty(IAM_AUTH))) {
            String password = PGProperty.PASSWORD.getOrDefault(connection);
            return password == null ? null : password.toCharArray();
        }
        return token().toCharArray();
    }

    private String token() throws PSQLException {
        String region = connection.getProperty(REGION, "");
        if (region.isBlank()) {
            throw new PSQLException("IAM database authentication needs the AWS region (AWS_REGION)",
                PSQLState.INVALID_PARAMETER_VALUE);
        }
        try {
            if (DatabaseEngine.of(connection.getProperty(ENGINE)) == DatabaseEngine.DSQL) {
                return dsqlToken(Region.of(region));
            }
            return RdsUtilities.builder().region(Region.of(region)).credentialsProvider(credentials).build()
                .generateAuthenticationToken(request -> request
                    .hostname(PGProperty.PG_HOST.getOrDefault(connection))
                    .port(Integer.parseInt(PGProperty.PG_PORT.getOrDefault(connection)))
                    .username(PGProperty.USER.getOrDefault(connection)));
        } catch (SdkClientException e) {
            // No credentials (or none that sign): the connection fails with the reason, never a wrong password.
            throw new PSQLException("cannot sign an IAM database authentication token: " + e.getMessage(),
                PSQLState.CONNECTION_REJECTED, e);
        }
    }

    private String dsqlToken(Region region) {
        DsqlUtilities dsql = DsqlUtilities.builder().region(region).credentialsProvider(credentials).build();
        String host = PGProperty.PG_HOST.getOrDefault(connection);
        return DSQL_ADMIN.equals(PGProperty.USER.getOrDefault(connection))
            ? dsql.generateDbConnectAdminAuthToken(request -> request.hostname(host))
            : dsql.generateDbConnectAuthToken(request -> request.hostname(host));
    }

    /**
     * One provider for the life of the environment: it caches credentials and refreshes them before they expire.
     * Lambda gives SnapStart functions their credentials through the container endpoint, not environment
     * variables; the default chain reads both.
     */
    private static final class Credentials {
        static final AwsCredentialsProvider DEFAULT = DefaultCredentialsProvider.builder().build();
    }
}
