package io.conduit.media.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one webhook: an HTTP/1.1 {@code POST} over a plain socket connected to an address that was
 * resolved and checked <em>before</em> connecting, so a host name cannot resolve to a checked public
 * address first and to an internal one at connect time (DNS rebinding).
 *
 * <p>Why a socket and not an HTTP client library: the JDK {@code HttpClient} resolves host names
 * itself and has no resolver hook; Reactor Netty and Apache HttpClient have hooks, but whether a
 * hook is consulted depends on their internals (pooled connections, literal addresses, proxies).
 * Here the whole exchange is a few lines and every step is visible:
 * <ul>
 *   <li>the TCP connection goes to one of the given addresses (the next one only if connecting
 *       fails), never through a proxy;</li>
 *   <li>for {@code https} a TLS socket is layered on it with the URL's host name as peer: SNI names
 *       that host and the JDK checks the certificate against it ({@code HTTPS} endpoint identification);</li>
 *   <li>the {@code Host} header is the URL's authority;</li>
 *   <li>the connection is closed after one response ({@code Connection: close}); only the status
 *       line and headers are read, so a receiver's body is never buffered;</li>
 *   <li>redirects are not followed: a 3xx is returned like any other status;</li>
 *   <li>one deadline covers connecting, the TLS handshake, writing and reading: a watchdog closes
 *       the socket when it passes, so a receiver trickling bytes cannot hold a delivery longer.</li>
 * </ul>
 */
public final class PinnedHttpClient implements AutoCloseable {

    /** A receiver's answer: its status and, for a 429 or 503, how long it asked us to wait (else null). */
    public record Response(int status, Duration retryAfter) {}

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER_LINES = 200;

    private final SSLSocketFactory tls;
    private final ScheduledExecutorService watchdog;

    /** With the JDK's default trust store. */
    public PinnedHttpClient() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public PinnedHttpClient(SSLSocketFactory tls) {
        this.tls = tls;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * POSTs {@code body} to {@code url} over a connection to one of {@code addresses} (all already
     * checked), within {@code timeout}. Throws {@link SocketTimeoutException} when the deadline
     * passes and other {@link IOException}s when the exchange fails.
     */
    public Response post(URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = WebhookUrls.host(url);
        int port = WebhookUrls.port(url);
        byte[] head = head(url, headers, body.length);
        Socket socket = connect(addresses, port, deadline, timeout);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            expired.set(true);
            closeQuietly(socket);
        }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Socket channel = socket;
        try {
            if ("https".equalsIgnoreCase(url.getScheme())) {
                channel = handshake(socket, host, port, deadline);
            }
            OutputStream out = channel.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return readResponse(channel, new BufferedInputStream(channel.getInputStream()), deadline);
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                throw timedOut(timeout);
            }
            throw e;
        } finally {
            guard.cancel(false);
            closeQuietly(channel);
            closeQuietly(socket);
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, long deadline, Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                throw timedOut(timeout);
            }
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), remaining);
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                throw timedOut(timeout);
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private Socket handshake(Socket socket, String host, int port, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        String sniName = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (AddressPolicy.Cidr.parseOrNull(host) == null) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(sniName)));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry; the certificate is still checked against the host
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(Math.max(1, remainingMillis(deadline)));
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(URI url, Map<String, String> headers, int contentLength) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        String authority = url.getRawAuthority();
        int at = authority.lastIndexOf('@');
        StringBuilder head = new StringBuilder(512)
                .append("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(at < 0 ? authority : authority.substring(at + 1)).append("\r\n")
                .append("User-Agent: Conduit-Webhooks/1\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9\\-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("\r\n");
        if (target.indexOf(' ') >= 0 || target.indexOf('\r') >= 0 || target.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid request target");
        }
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response readResponse(Socket socket, InputStream in, long deadline) throws IOException {
        while (true) {
            socket.setSoTimeout(Math.max(1, remainingMillis(deadline)));
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new IOException("the receiver closed the connection without a response");
            }
            int status = status(statusLine);
            Duration retryAfter = null;
            int lines = 0;
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                if (++lines > MAX_HEADER_LINES) {
                    throw new IOException("the receiver sent too many header lines");
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Retry-After")) {
                    retryAfter = retryAfter(line.substring(colon + 1).strip());
                }
            }
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue, 103 Early Hints): the final one follows
            }
            return new Response(status, status == 429 || status == 503 ? retryAfter : null);
        }
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("the receiver did not answer with HTTP");
        }
        return Integer.parseInt(parts[1]);
    }

    private static Duration retryAfter(String value) {
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        return null; // an HTTP date: the retry schedule decides
    }

    /** One line without its CR LF, or null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the receiver sent a header line over " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new IOException("the receiver closed the connection mid-response");
    }

    private static int remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private static SocketTimeoutException timedOut(Duration timeout) {
        return new SocketTimeoutException("timed out after " + describe(timeout));
    }

    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // closing after a failure or a timeout: nothing left to do
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
