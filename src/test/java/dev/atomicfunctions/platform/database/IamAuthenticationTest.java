package dev.atomicfunctions.platform.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token (RDS's or Aurora DSQL's) is checked against SigV4 computed here from the specification, independently of the SDK: a token
 * that RDS Proxy would refuse (wrong host, port, user, service, region or signature) fails these tests.
 */
class IamAuthenticationTest {

    private static final AwsCredentialsProvider CREDENTIALS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    @Test
    void signsATokenForTheHostPortAndUserOfTheConnection() throws Exception {
        Properties connection = connection("true", "eu-west-1");

        String token = new String(new IamAuthentication(connection, CREDENTIALS).getPassword(AuthenticationRequestType.CLEARTEXT_PASSWORD));

        assertThat(token).startsWith("proxy.example.eu-west-1.rds.amazonaws.com:5432/?");
        Map<String, String> query = query(token);
        assertThat(query).containsEntry("Action", "connect").containsEntry("DBUser", "tasks_app")
            .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-SignedHeaders", "host");
        // 15 minutes, counted by the SDK from an expiry time taken a moment before the signing time: 899 seconds
        // when a second boundary falls between the two (seen in CI).
        assertThat(query.get("X-Amz-Expires")).isIn("899", "900");
        assertThat(query.get("X-Amz-Credential")).matches("AKIDEXAMPLE/\\d{8}/eu-west-1/rds-db/aws4_request");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(token));
    }

    @ParameterizedTest(name = "{0} signs {1}")
    @CsvSource({"tasks_app, DbConnect", "admin, DbConnectAdmin"})
    void signsAnAuroraDsqlTokenForTheClusterAndTheRolesAction(String user, String action) throws Exception {
        Properties connection = connection("true", "eu-west-1");
        connection.setProperty("PGHOST", "abcdefghijklmnopqrstuvwxyz.dsql.eu-west-1.on.aws");
        connection.setProperty("user", user);
        connection.setProperty(IamAuthentication.ENGINE, "dsql");

        String token = new String(new IamAuthentication(connection, CREDENTIALS)
            .getPassword(AuthenticationRequestType.CLEARTEXT_PASSWORD));

        assertThat(token).startsWith("abcdefghijklmnopqrstuvwxyz.dsql.eu-west-1.on.aws/?");
        Map<String, String> query = query(token);
        assertThat(query).containsEntry("Action", action).doesNotContainKey("DBUser")
            .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-SignedHeaders", "host");
        assertThat(query.get("X-Amz-Credential")).matches("AKIDEXAMPLE/\\d{8}/eu-west-1/dsql/aws4_request");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(token));
    }

    @Test
    void handsOverTheConfiguredPasswordWhenIamIsOff() throws Exception {
        Properties connection = connection("false", "");
        connection.setProperty("password", "local-secret");

        char[] password = new IamAuthentication(connection, CREDENTIALS).getPassword(AuthenticationRequestType.MD5_PASSWORD);

        assertThat(password).containsExactly("local-secret".toCharArray());
    }

    @Test
    void refusesToConnectWithoutARegionRatherThanSendAnUnsignedPassword() {
        IamAuthentication plugin = new IamAuthentication(connection("true", " "), CREDENTIALS);

        assertThatThrownBy(() -> plugin.getPassword(AuthenticationRequestType.CLEARTEXT_PASSWORD))
            .isInstanceOf(PSQLException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void refusesToConnectWithoutCredentials() {
        AwsCredentialsProvider none = () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("no credentials here");
        };
        IamAuthentication plugin = new IamAuthentication(connection("true", "eu-west-1"), none);

        assertThatThrownBy(() -> plugin.getPassword(AuthenticationRequestType.CLEARTEXT_PASSWORD))
            .isInstanceOf(PSQLException.class).hasMessageContaining("no credentials here");
    }

    private static Properties connection(String iam, String region) {
        Properties p = new Properties();
        p.setProperty("PGHOST", "proxy.example.eu-west-1.rds.amazonaws.com");
        p.setProperty("PGPORT", "5432");
        p.setProperty("user", "tasks_app");
        p.setProperty(IamAuthentication.IAM_AUTH, iam);
        p.setProperty(IamAuthentication.REGION, region);
        return p;
    }

    private static Map<String, String> query(String token) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : token.substring(token.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** SigV4 query-string signing (presigned GET of "/" on host:port), from the AWS specification. */
    private static String expectedSignature(String token) throws Exception {
        String host = token.substring(0, token.indexOf('/'));
        String rawQuery = token.substring(token.indexOf('?') + 1);
        Map<String, String> encoded = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            encoded.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        encoded.remove("X-Amz-Signature");
        String canonicalQuery = encoded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, "host:" + host, "", "host", hex(sha256("")));
        Map<String, String> query = query(token);
        String date = query.get("X-Amz-Date");
        String scope = query.get("X-Amz-Credential").substring("AKIDEXAMPLE/".length());
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope, hex(sha256(canonicalRequest)));
        byte[] key = hmac(("AWS4" + "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        // Region, service and "aws4_request", as the scope names them (the service is checked by the tests).
        for (String part : scope.substring(scope.indexOf('/') + 1).split("/")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
