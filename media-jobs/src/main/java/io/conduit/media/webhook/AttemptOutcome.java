package io.conduit.media.webhook;

import java.util.Locale;

/** How one delivery attempt ended, as the delivery log ({@code webhook_attempts.outcome}) records it. */
public enum AttemptOutcome {
    /** Being delivered by a dispatcher right now. */
    IN_FLIGHT,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Any other answer, a redirect (not followed), a timeout or a network error: retried on schedule. */
    FAILED,
    /** The receiver answered 410 Gone: its endpoint is disabled and the message fails for good. */
    GONE,
    /** Not sent: the URL or an address it resolves to is not allowed (SSRF protection). Permanent. */
    REFUSED,
    /** Not sent: the endpoint was disabled (after a 410) until an operator enables it again. */
    ENDPOINT_DISABLED,
    /** The dispatcher holding the attempt stopped before it ended; another one took the message over. */
    ABANDONED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttemptOutcome fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
