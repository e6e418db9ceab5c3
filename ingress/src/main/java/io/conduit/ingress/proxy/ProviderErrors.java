package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Turns provider failures into what the client sees. A provider's 4xx keeps its status and
 * message; 5xx becomes 502, a timeout 504. Messages are cleaned of the provider's key, URL and
 * anything shaped like a credential.
 */
public final class ProviderErrors {

    private static final Pattern CREDENTIAL = Pattern.compile("(sk|pk|rk|key|condt)[-_][A-Za-z0-9_\\-*.]{4,}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"']+");

    private ProviderErrors() {}

    public static GatewayException fromProvider(ProviderException e, ProviderEndpoint provider) {
        ProviderError error = e.error();
        String message = clean(error.message(), provider);
        int upstream = e.upstreamStatus();
        Map<String, String> headers = e.retryAfter()
                .map(d -> Map.of("retry-after", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
                .orElse(Map.of());
        if (upstream >= 400 && upstream < 500) {
            return new GatewayException(upstream, error.type() == null ? "invalid_request_error" : error.type(),
                    error.code(), error.param(), message, headers);
        }
        return new GatewayException(e.kind() == ProviderException.Kind.TIMEOUT ? 504 : 502, "upstream_error",
                error.code() == null ? "upstream_error" : error.code(), null,
                "The provider '" + provider.providerName() + "' failed: " + message, headers);
    }

    /** A failure with no answer from the provider (connect error, timeout, reset). */
    public static GatewayException fromTransport(Throwable error, ProviderEndpoint provider) {
        if (isTimeout(error)) {
            return new GatewayException(504, "upstream_error", "upstream_timeout", null,
                    "The provider '" + provider.providerName() + "' did not answer in time.", Map.of());
        }
        return new GatewayException(502, "upstream_error", "upstream_unreachable", null,
                "The provider '" + provider.providerName() + "' could not be reached.", Map.of());
    }

    public static Outcome outcomeOf(Throwable transportError) {
        return isTimeout(transportError) ? Outcome.UPSTREAM_TIMEOUT : Outcome.UPSTREAM_UNREACHABLE;
    }

    static boolean isTimeout(Throwable error) {
        return error instanceof ReadTimeoutException || error instanceof TimeoutException;
    }

    static String clean(String message, ProviderEndpoint provider) {
        String cleaned = message;
        if (!provider.apiKey().isEmpty()) {
            cleaned = cleaned.replace(provider.apiKey(), "[redacted]");
        }
        cleaned = cleaned.replace(provider.baseUrl().toString(), "[provider]");
        cleaned = URL.matcher(cleaned).replaceAll("[url]");
        return CREDENTIAL.matcher(cleaned).replaceAll("[redacted]");
    }
}
