package dev.atomicfunctions.support;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the PostgreSQL driver really sends, seen on its socket: every statement it executes and every round trip
 * (the driver writing, then waiting for the server's answer). pgjdbc builds its sockets with this factory when a
 * connection names it ({@code socketFactory=dev.atomicfunctions.support.WireLog}, in the URL or as a data-source
 * property): it reads the frontend protocol messages as they go out (simple {@code Query}, and the extended
 * protocol's {@code Parse} and {@code Execute}) and counts a round trip each time the driver reads after it wrote.
 * Works with any server, with no server setting, which a statement log or {@code pg_stat_statements} would need.
 * A TLS connection is opaque: {@link #opaque()} says so and its statements are not seen.
 */
public final class WireLog extends SocketFactory {

    /** One thing seen on the wire: a statement executed, or a round trip completed. */
    public record Entry(int connection, Kind kind, String sql) {
    }

    /** What an {@link Entry} is. */
    public enum Kind { STATEMENT, ROUND_TRIP }

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static volatile boolean opaque;

    /** pgjdbc's way to build a socket factory it is named by class. */
    public WireLog() {
    }

    /** @return a position in the log, for {@link #since(int)} */
    public static int mark() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /** @return what was seen since {@code mark}, on every recorded connection */
    public static List<Entry> since(int mark) {
        synchronized (ENTRIES) {
            return List.copyOf(ENTRIES.subList(mark, ENTRIES.size()));
        }
    }

    /** @return whether a recorded connection used TLS, whose statements cannot be read */
    public static boolean opaque() {
        return opaque;
    }

    private static void add(Entry entry) {
        synchronized (ENTRIES) {
            ENTRIES.add(entry);
        }
    }

    @Override
    public Socket createSocket() {
        return new RecordingSocket(CONNECTIONS.incrementAndGet());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        return createSocket(address, port);
    }

    /** A plain socket whose streams report to the log. */
    private static final class RecordingSocket extends Socket {
        private final int id;
        private final Messages messages;
        private boolean wroteSinceRead;
        private InputStream in;
        private OutputStream out;

        RecordingSocket(int id) {
            this.id = id;
            this.messages = new Messages(id);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        replied();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        replied();
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        sent(new byte[] {(byte) b}, 0, 1);
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        sent(b, off, len);
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }

        private synchronized void sent(byte[] b, int off, int len) {
            wroteSinceRead = true;
            messages.feed(b, off, len);
        }

        private synchronized void replied() {
            if (wroteSinceRead) {
                wroteSinceRead = false;
                add(new Entry(id, Kind.ROUND_TRIP, null));
            }
        }
    }

    /** Reads the frontend messages of one connection as its bytes go out. */
    private static final class Messages {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;
        private final int connection;
        private byte[] pending = new byte[0];
        /** The first message (and one after an SSL or GSS request) has no type byte. */
        private boolean untyped = true;
        private boolean tls;
        private String parsed = "";

        Messages(int connection) {
            this.connection = connection;
        }

        void feed(byte[] b, int off, int len) {
            if (tls) {
                return;
            }
            byte[] joined = new byte[pending.length + len];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(b, off, joined, pending.length, len);
            int at = 0;
            while (true) {
                int header = untyped ? 4 : 5;
                if (joined.length - at < header) {
                    break;
                }
                if (untyped && joined[at] != 0) {
                    // A TLS handshake record after the SSL request, not a startup message.
                    tls = true;
                    opaque = true;
                    return;
                }
                int lengthAt = untyped ? at : at + 1;
                int length = ((joined[lengthAt] & 0xff) << 24) | ((joined[lengthAt + 1] & 0xff) << 16)
                    | ((joined[lengthAt + 2] & 0xff) << 8) | (joined[lengthAt + 3] & 0xff);
                int total = (untyped ? 0 : 1) + length;
                if (length < 4 || joined.length - at < total) {
                    break;
                }
                if (untyped) {
                    int code = length >= 8 ? readInt(joined, at + 4) : 0;
                    if (code == SSL_REQUEST) {
                        // Whether the server accepts is not seen here; pgjdbc's default (prefer) with a server
                        // without TLS carries on in the clear, and a TLS handshake would not parse as messages.
                        untyped = true;
                    } else if (code != GSS_REQUEST) {
                        untyped = false;
                    }
                } else {
                    message((char) joined[at], joined, at + 5, at + total);
                }
                at += total;
            }
            pending = Arrays.copyOfRange(joined, at, joined.length);
            if (pending.length > 0 && !untyped && !plausibleType(pending[0])) {
                tls = true;
                opaque = true;
            }
        }

        private void message(char type, byte[] b, int from, int to) {
            switch (type) {
                case 'Q' -> add(new Entry(connection, Kind.STATEMENT, cstring(b, from, to)));
                case 'P' -> {
                    int nameEnd = indexOfZero(b, from, to);
                    parsed = cstring(b, nameEnd + 1, to);
                }
                case 'E' -> add(new Entry(connection, Kind.STATEMENT, parsed));
                default -> {
                    if (!plausibleType(b[from - 5])) {
                        tls = true;
                        opaque = true;
                    }
                }
            }
        }

        private static boolean plausibleType(byte type) {
            return "BCcDdEFfHPpQSX".indexOf((char) type) >= 0;
        }

        private static int readInt(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }

        private static int indexOfZero(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == 0) {
                    return i;
                }
            }
            return to;
        }

        private static String cstring(byte[] b, int from, int to) {
            return new String(b, from, indexOfZero(b, from, to) - from, StandardCharsets.UTF_8);
        }
    }
}
