package io.conduit.media.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One delivery attempt: resolve the URL's host, refuse it when any address is not allowed
 * ({@link AddressPolicy}), sign, and POST to the checked addresses ({@link PinnedHttpClient}).
 * Never throws; every way an attempt can end is a {@link Result}. Error texts name what happened,
 * never a secret or a header value.
 */
public final class WebhookSender {

    /**
     * The end of one attempt.
     *
     * @param outcome {@link AttemptOutcome#DELIVERED}, {@code FAILED}, {@code GONE} or {@code REFUSED}
     * @param statusCode the receiver's status, null when it gave none
     * @param error why it did not succeed, null when it did
     * @param retryAfter how long the receiver asked us to wait (429, 503), else null
     * @param durationMillis how long the attempt took
     */
    public record Result(AttemptOutcome outcome, Integer statusCode, String error, Duration retryAfter, long durationMillis) {}

    private final AddressPolicy policy;
    private final HostResolver resolver;
    private final PinnedHttpClient http;
    private final Duration timeout;

    public WebhookSender(AddressPolicy policy, HostResolver resolver, PinnedHttpClient http, Duration timeout) {
        this.policy = policy;
        this.resolver = resolver;
        this.http = http;
        this.timeout = timeout;
    }

    /** Sends the payload to the URL, signed with each secret (current first), stamped {@code timestampSeconds}. */
    public Result send(String url, String webhookId, long timestampSeconds, String payload, List<String> secrets) {
        long started = System.nanoTime();
        String invalid = WebhookUrls.validate(url);
        if (invalid != null) {
            return result(started, AttemptOutcome.REFUSED, null, "invalid webhook URL: " + invalid, null);
        }
        URI uri = URI.create(url);
        String host = WebhookUrls.host(uri);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return result(started, AttemptOutcome.FAILED, null, "could not resolve host " + host, null);
        }
        String refusal = policy.refusal(host, addresses);
        if (refusal != null) {
            return result(started, AttemptOutcome.REFUSED, null, "refused: " + refusal, null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestampSeconds));
        headers.put("webhook-signature", WebhookSignatures.header(secrets, webhookId, timestampSeconds, payload));
        try {
            PinnedHttpClient.Response response = http.post(uri, addresses, headers,
                    payload.getBytes(StandardCharsets.UTF_8), timeout);
            int status = response.status();
            if (status >= 200 && status < 300) {
                return result(started, AttemptOutcome.DELIVERED, status, null, null);
            }
            if (status == 410) {
                return result(started, AttemptOutcome.GONE, status,
                        "410 Gone: the receiver asked for no more webhooks; its endpoint is disabled", null);
            }
            if (status >= 300 && status < 400) {
                return result(started, AttemptOutcome.FAILED, status,
                        "redirect (" + status + ") not followed: update the webhook URL", null);
            }
            return result(started, AttemptOutcome.FAILED, status, "the receiver answered " + status, response.retryAfter());
        } catch (IOException e) {
            return result(started, AttemptOutcome.FAILED, null, describe(e, addresses), null);
        } catch (RuntimeException e) {
            return result(started, AttemptOutcome.FAILED, null, "the attempt failed: " + e.getClass().getSimpleName(), null);
        }
    }

    private String describe(IOException e, List<InetAddress> addresses) {
        String target = addresses.size() == 1 ? addresses.getFirst().getHostAddress() : addresses.size() + " addresses";
        return switch (e) {
            case SocketTimeoutException t -> t.getMessage() == null ? "timed out after " + PinnedHttpClient.describe(timeout)
                    : t.getMessage();
            case ConnectException c -> "could not connect to " + target + " (" + c.getMessage() + ")";
            case NoRouteToHostException n -> "no route to " + target;
            case SSLException s -> "TLS failed: " + s.getMessage();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static Result result(long started, AttemptOutcome outcome, Integer status, String error, Duration retryAfter) {
        return new Result(outcome, status, error, retryAfter, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
