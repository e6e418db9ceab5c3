package io.conduit.provider.spi;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP request an adapter wants sent to its provider. The transport belongs to the caller, so
 * adapters stay free of I/O. {@link #toString()} leaves out headers, which carry credentials.
 *
 * <p>{@code body} is the complete encoded body, sent as it is with the {@code content-type} header
 * the adapter put in {@code headers}: JSON for most calls, a whole {@code multipart/form-data} body
 * (boundary in its content type, see {@link MultipartForm#encode()}) for uploads such as
 * transcriptions. Uploads are held in memory: the providers' own limits (25 MB for OpenAI's audio)
 * keep them small. A {@code GET} (polling a job, downloading a result) has an empty body.
 *
 * @param method {@code POST}, {@code GET} or {@code DELETE}
 * @param uri the full URL, query included
 * @param headers request headers, credential included
 * @param body the encoded body, empty for {@code GET}
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public static final String POST = "POST";
    public static final String GET = "GET";
    public static final String DELETE = "DELETE";

    private static final byte[] EMPTY = new byte[0];

    public UpstreamRequest {
        if (!POST.equals(method) && !GET.equals(method) && !DELETE.equals(method)) {
            throw new IllegalArgumentException("unsupported method " + method);
        }
        headers = headers == null ? Map.of() : headers;
        body = body == null ? EMPTY : body;
    }

    /** A {@code POST} of {@code body}. */
    public UpstreamRequest(URI uri, Map<String, String> headers, byte[] body) {
        this(POST, uri, headers, body);
    }

    /** A {@code GET}, for polling a job or downloading its result. */
    public static UpstreamRequest get(URI uri, Map<String, String> headers) {
        return new UpstreamRequest(GET, uri, headers, EMPTY);
    }

    @Override
    public String toString() {
        return "UpstreamRequest[" + method + " " + uri.getPath() + ", " + body.length + " bytes]";
    }
}
