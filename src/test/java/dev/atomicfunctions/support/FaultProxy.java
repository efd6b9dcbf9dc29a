package dev.atomicfunctions.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between the functions and PostgreSQL that injects network faults, some of them aware of the wire
 * protocol: the SQL text of a statement travels in clear in its Parse message, so a fault can wait for the statement
 * it is aimed at (COMMIT, or an {@code INSERT INTO customer_order}). Ours, not Toxiproxy's (a Go server this machine
 * cannot run in a test) nor a generic Java one: none withholds a COMMIT or drops its reply alone.
 * <ul>
 *   <li>{@link #latency}: every message from the client is held back this long;</li>
 *   <li>{@link #blackHole()}: connections are accepted and nothing flows either way, as behind a dead route;</li>
 *   <li>{@link #cutWhenSent}: the next time a client sends the marker, both sockets are closed before it reaches
 *   the server (a cut mid-statement);</li>
 *   <li>{@link #withholdCommit()}: the next COMMIT never reaches the server and the client's socket is closed; the
 *   server's session stays open, idle in its transaction, as when the network is cut under it;</li>
 *   <li>{@link #dropCommitReply()}: the next COMMIT reaches the server, which commits; its reply is dropped and
 *   both sockets are closed.</li>
 * </ul>
 * One-shot faults arm for the next matching message only; {@link #heal()} ends every fault.
 */
public final class FaultProxy implements AutoCloseable {

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private sealed interface Fault {
    }

    private record Cut(byte[] marker, AtomicInteger before) implements Fault {
    }

    private record WithholdCommit() implements Fault {
    }

    private record DropCommitReply() implements Fault {
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean blackHole;
    /** While positive and not yet reached (System.nanoTime()), new connections wait for the server. */
    private volatile long resumesAt;

    private FaultProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** @return a proxy on a free loopback port, forwarding to {@code targetPort} on loopback */
    public static FaultProxy to(int targetPort) {
        try {
            FaultProxy proxy = new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofVirtual().name("fault-proxy").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a proxy on a free loopback port, forwarding to the loopback port of this JDBC URL */
    public static FaultProxy toDatabase(String jdbcUrl) {
        return to(Integer.parseInt(jdbcUrl.replaceFirst(".*//[^:/]+:(\\d+)/.*", "$1")));
    }

    /** @return the JDBC URL {@code url} with its port replaced by the proxy's */
    public String url(String url) {
        return url.replaceFirst("//([^:/]+):\\d+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
    }

    public void latency(Duration delay) {
        latency = delay;
    }

    public void blackHole() {
        blackHole = true;
    }

    /**
     * A database paused (Aurora Serverless v2 at 0 ACU): a new connection is accepted at once, but reaches the
     * server only once it has resumed, after {@code resumingFor}; meanwhile the client waits for the server's first
     * reply. Connections already open go on.
     */
    public void pauseNewConnections(Duration resumingFor) {
        resumesAt = System.nanoTime() + resumingFor.toNanos();
    }

    /** @param marker text of the statement to cut under, e.g. {@code INSERT INTO "customer_order"} */
    public void cutWhenSent(String marker) {
        cutWhenSent(marker, 1);
    }

    /**
     * @param marker     text of the statement to cut under
     * @param occurrence which message carrying it is cut (1 for the next one)
     */
    public void cutWhenSent(String marker, int occurrence) {
        armed.set(new Cut(marker.getBytes(StandardCharsets.UTF_8),
            new AtomicInteger(occurrence - 1)));
    }

    public void withholdCommit() {
        armed.set(new WithholdCommit());
    }

    public void dropCommitReply() {
        armed.set(new DropCommitReply());
    }

    /** @return whether the one-shot fault armed last has been applied */
    public boolean fired() {
        return armed.get() == null;
    }

    /** Ends every fault; connections cut stay cut. */
    public void heal() {
        armed.set(null);
        latency = Duration.ZERO;
        blackHole = false;
        resumesAt = 0;
    }

    @Override
    public void close() {
        heal();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> link(client));
            } catch (IOException e) {
                // listener closed
            }
        }
    }

    private void link(Socket client) {
        try {
            while (resumesAt != 0 && System.nanoTime() < resumesAt) {
                Thread.sleep(20);
            }
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Link link = new Link(client, server);
            links.add(link);
            Thread.ofVirtual().start(() -> link.pump(client, server, true));
            link.pump(server, client, false);
        } catch (IOException | InterruptedException e) {
            // the server refused: the client sees its connection fail
            closeQuietly(client);
        }
    }

    /** One client connection and the server connection it is forwarded to. */
    private final class Link {

        private final Socket client;
        private final Socket server;
        private volatile boolean dropReplies;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int read; (read = in.read(buffer)) != -1; ) {
                    while (blackHole) {
                        Thread.sleep(20);
                    }
                    byte[] chunk = Arrays.copyOf(buffer, read);
                    if (fromClient) {
                        if (!latency.isZero()) {
                            Thread.sleep(latency);
                        }
                        if (!forwardFromClient(chunk, out)) {
                            return;
                        }
                    } else if (dropReplies) {
                        close();
                        return;
                    } else {
                        out.write(chunk);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: the other goes too
            }
            close();
        }

        /** @return whether to go on forwarding */
        private boolean forwardFromClient(byte[] chunk, OutputStream out) throws IOException {
            Fault fault = armed.get();
            if (fault instanceof Cut cut && contains(chunk, cut.marker()) && cut.before().getAndDecrement() <= 0
                && armed.compareAndSet(fault, null)) {
                close();
                return false;
            }
            if (fault instanceof WithholdCommit && contains(chunk, COMMIT) && armed.compareAndSet(fault, null)) {
                closeQuietly(client);
                return false;
            }
            if (fault instanceof DropCommitReply && contains(chunk, COMMIT) && armed.compareAndSet(fault, null)) {
                dropReplies = true;
            }
            out.write(chunk);
            out.flush();
            return true;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
            links.remove(this);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static boolean contains(byte[] chunk, byte[] marker) {
        outer:
        for (int i = 0; i <= chunk.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (chunk[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
