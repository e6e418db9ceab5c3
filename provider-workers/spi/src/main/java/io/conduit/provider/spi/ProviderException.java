package io.conduit.provider.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The closed set of ways a provider call fails. Retriable failures (rate limits, overload, server
 * errors, timeouts, connection failures) may be tried again on another deployment; the rest are
 * the caller's to fix. Carries no stack trace and no credential; the message is the provider's,
 * already cleaned of secrets by the mapper's caller.
 */
public abstract sealed class ProviderException extends RuntimeException
        permits ProviderException.Retriable, ProviderException.NonRetriable {

    /** What went wrong, independent of the provider. */
    public enum Kind {
        RATE_LIMITED(true),
        OVERLOADED(true),
        SERVER_ERROR(true),
        TIMEOUT(true),
        CONNECTION_FAILED(true),
        BAD_REQUEST(false),
        AUTHENTICATION(false),
        PERMISSION_DENIED(false),
        NOT_FOUND(false),
        UNPROCESSABLE(false),
        CONTENT_FILTERED(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final int upstreamStatus;
    private final ProviderError error;

    private ProviderException(Kind kind, int upstreamStatus, ProviderError error) {
        super(kind + " (" + upstreamStatus + "): " + error.message(), null, false, false);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.error = error;
    }

    /** The right branch for the kind. */
    public static ProviderException of(Kind kind, int upstreamStatus, ProviderError error, Duration retryAfter) {
        return kind.retriable()
                ? new Retriable(kind, upstreamStatus, error, retryAfter)
                : new NonRetriable(kind, upstreamStatus, error);
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, 0 when no answer came (timeout, connection failure). */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    public ProviderError error() {
        return error;
    }

    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** May succeed if tried again, possibly elsewhere. */
    public static final class Retriable extends ProviderException {
        private final Duration retryAfter;

        private Retriable(Kind kind, int status, ProviderError error, Duration retryAfter) {
            super(kind, status, error);
            this.retryAfter = retryAfter;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Will fail again the same way: never retried. */
    public static final class NonRetriable extends ProviderException {
        private NonRetriable(Kind kind, int status, ProviderError error) {
            super(kind, status, error);
        }
    }
}
