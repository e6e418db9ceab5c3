package io.conduit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server running inside this JVM: S3Proxy with its filesystem blob store, listening on
 * {@code http://127.0.0.1:port}. Buckets are directories under the data directory and objects are files
 * in them, so they survive a restart. Requests must be signed (AWS Signature V2 or V4) with the configured
 * access key and secret; use path-style addressing and region {@value #REGION}.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.start(EmbeddedS3.Config.of(dir))) {
 *     S3Client.builder().endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
 *             .region(Region.of(s3.region())) ... ;
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** The region clients should sign for; the server accepts any. */
    public static final String REGION = "us-east-1";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String STARTED = "STARTED";

    /**
     * How to run the server.
     *
     * @param dataDir   the root of the blob store (one directory per bucket); created if missing
     * @param port      the HTTP port on 127.0.0.1, or 0 to pick a free one
     * @param accessKey the access key id clients sign with
     * @param secretKey the secret access key clients sign with
     */
    public record Config(Path dataDir, int port, String accessKey, String secretKey) {

        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Loopback.checkPort(port);
            if (accessKey.isBlank() || secretKey.isBlank()) {
                throw new IllegalArgumentException("accessKey and secretKey must not be blank");
            }
        }

        /** A server on a free port with the default credentials {@code conduit} / {@code conduit-secret}. */
        public static Config of(Path dataDir) {
            return new Config(dataDir, 0, "conduit", "conduit-secret");
        }

        public Config withPort(int port) {
            return new Config(dataDir, port, accessKey, secretKey);
        }

        public Config withCredentials(String accessKey, String secretKey) {
            return new Config(dataDir, port, accessKey, secretKey);
        }
    }

    private final S3Proxy proxy;
    private final Config config;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedS3(S3Proxy proxy, Config config, Path dataDir) {
        this.proxy = proxy;
        this.config = config;
        this.dataDir = dataDir;
    }

    /** Starts the server and returns once it accepts requests. */
    public static EmbeddedS3 start(Config config) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 data directory " + dataDir, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
                .endpoint(URI.create("http://" + Loopback.HOST + ":" + config.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, config.accessKey(), config.secretKey())
                .stopTimeout(0) // close() does not wait for in-flight requests: stop the clients first
                .build();
        try {
            proxy.start(); // Jetty's start() returns once the connector is bound and the server is started
        } catch (Exception e) {
            stopQuietly(proxy, e);
            throw new IllegalStateException("cannot start S3Proxy on " + Loopback.HOST + ":" + config.port(), e);
        }
        if (!STARTED.equals(proxy.getState())) {
            IllegalStateException failure = new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            stopQuietly(proxy, failure);
            throw failure;
        }
        EmbeddedS3 s3 = new EmbeddedS3(proxy, config, dataDir);
        log.info("Embedded S3 started at {} in {} ms (data: {})",
                s3.endpoint(), Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
        return s3;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://" + Loopback.HOST + ":" + port();
    }

    public int port() {
        return proxy.getPort();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public String region() {
        return REGION;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the HTTP server at once (requests still in flight are cut off); the objects stay on disk. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            String endpoint = endpoint();
            long started = System.nanoTime();
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop S3Proxy at " + endpoint, e);
            }
            log.info("Embedded S3 at {} stopped in {} ms", endpoint, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static void stopQuietly(S3Proxy proxy, Exception cause) {
        try {
            proxy.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
