package io.conduit.contracts.usage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an upstream call ended, as seen by the gateway. */
public enum Outcome {
    /** The provider answered successfully and the client received all of it. */
    OK,
    /** The provider answered with an error status (4xx/5xx). */
    UPSTREAM_ERROR,
    /** The client went away before the answer was complete; the upstream call was cancelled. */
    CLIENT_ABORTED,
    /** The provider cut a streamed answer before its end. */
    UPSTREAM_CUT,
    /** The provider did not answer within the timeout. */
    UPSTREAM_TIMEOUT,
    /** The provider could not be reached (connection refused, reset, DNS). */
    UPSTREAM_UNREACHABLE,
    /**
     * The gateway instance died (killed, crashed) while the call was in flight; recorded when the
     * instance restarted, with the prompt's tokens estimated from its size.
     */
    GATEWAY_INTERRUPTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
