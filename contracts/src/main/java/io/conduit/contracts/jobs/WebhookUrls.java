package io.conduit.contracts.jobs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a job's {@code webhook_url} must look like, checked when a client submits one (ingress) and
 * again when a webhook is enqueued. No DNS here: where a URL points is checked before every delivery
 * (media-jobs' {@code AddressPolicy}), because the answer can change.
 */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2048;

    private WebhookUrls() {}

    /**
     * Null when {@code url} is acceptable as a webhook URL, else why not (a sentence for an error body,
     * naming the parameter {@code webhook_url}): an absolute {@code http} or {@code https} URL with a
     * host, no credentials and no fragment, at most {@value #MAX_LENGTH} characters.
     */
    public static String validate(String url) {
        if (url == null || url.isBlank()) {
            return "'webhook_url' must not be empty.";
        }
        if (url.length() > MAX_LENGTH) {
            return "'webhook_url' must be at most " + MAX_LENGTH + " characters.";
        }
        if (!url.equals(url.strip())) {
            return "'webhook_url' must not start or end with whitespace.";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'webhook_url' is not a valid URL.";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return "'webhook_url' must be an http or https URL.";
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return "'webhook_url' must be an absolute URL with a valid host name.";
        }
        if (uri.getRawUserInfo() != null) {
            return "'webhook_url' must not contain credentials (user:password@).";
        }
        if (uri.getRawFragment() != null) {
            return "'webhook_url' must not contain a fragment (#…).";
        }
        if (uri.getPort() == 0) {
            return "'webhook_url' must not use port 0.";
        }
        return null;
    }

    /** Whether {@link #validate} accepts it. */
    public static boolean isValid(String url) {
        return validate(url) == null;
    }
}
