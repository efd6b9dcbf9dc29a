package dev.atomicfunctions.platform.messaging;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The one way the functions build an SQS client: the AWS SDK's, over the JDK's URL connection (no Netty, no Apache
 * client: a smaller jar and cold start), every call bounded, built on first use only ({@link Lazy}), so that a
 * function that never calls SQS never loads the SDK's SQS classes.
 */
public final class SqsClients {

    private SqsClients() {
    }

    /** A client built on its first use, closed with its owner. */
    public static final class Lazy implements AutoCloseable {

        private final String endpoint;
        private final Duration timeout;
        private volatile SqsClient client;

        /** @see SqsClients#create */
        public Lazy(String endpoint, Duration timeout) {
            this.endpoint = endpoint;
            this.timeout = timeout;
        }

        /** @return the client, built now if this is its first use */
        public SqsClient get() {
            SqsClient current = client;
            if (current == null) {
                synchronized (this) {
                    if (client == null) {
                        client = create(endpoint, timeout);
                    }
                    current = client;
                }
            }
            return current;
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * @param endpoint an SQS-compatible endpoint (local runs and tests); empty: AWS's for the region (deployed,
     *                 the VPC endpoint's private DNS name)
     * @param timeout  connect and read timeout of each call; the whole call, retries included, gets twice as much
     */
    private static SqsClient create(String endpoint, Duration timeout) {
        var builder = SqsClient.builder()
            .httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(timeout)
                .socketTimeout(timeout)
                .build())
            .overrideConfiguration(c -> c.apiCallTimeout(timeout.multipliedBy(2)));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
