package io.conduit.media.webhook;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Webhook URLs on the delivery side. The rules a URL must follow live in
 * {@link io.conduit.contracts.jobs.WebhookUrls} (contracts, so ingress can check a submitted
 * {@code webhook_url} without depending on media-jobs); {@link #validate} is the same check.
 */
public final class WebhookUrls {

    private WebhookUrls() {}

    /**
     * Null when {@code url} is acceptable as a webhook URL, else why not (a sentence for an error body,
     * naming {@code webhook_url}). No DNS: see {@link AddressPolicy} for where it may point.
     */
    public static String validate(String url) {
        return io.conduit.contracts.jobs.WebhookUrls.validate(url);
    }

    /**
     * The URL without its query string, for log lines: receivers often put their own tokens there.
     * Invalid URLs come back as {@code <invalid url>}.
     */
    public static String redact(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path
                    + (uri.getRawQuery() == null ? "" : "?…");
        } catch (URISyntaxException | RuntimeException e) {
            return "<invalid url>";
        }
    }

    /** The host of a valid URL as the resolver takes it: IPv6 literals without their brackets. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port of a valid URL, the scheme's default when none is given. */
    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
