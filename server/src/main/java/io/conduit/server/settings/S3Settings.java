package io.conduit.server.settings;

/**
 * An S3-compatible store ({@code CONDUIT_S3_*}).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}; null for AWS itself
 */
public record S3Settings(String endpoint, String region, String bucket, String accessKey, String secretKey,
        boolean pathStyle) {

    @Override
    public String toString() {
        return "S3Settings[" + endpoint + ", bucket " + bucket + "]";
    }
}
