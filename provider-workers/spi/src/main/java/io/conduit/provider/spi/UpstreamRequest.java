package io.conduit.provider.spi;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP POST an adapter wants sent to its provider. The transport belongs to the caller, so
 * adapters stay free of I/O. {@link #toString()} leaves out headers, which carry credentials.
 */
public record UpstreamRequest(URI uri, Map<String, String> headers, byte[] body) {

    @Override
    public String toString() {
        return "UpstreamRequest[POST " + uri.getPath() + ", " + body.length + " bytes]";
    }
}
