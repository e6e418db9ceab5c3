package io.conduit.provider.testkit.contract;

import java.net.URI;
import java.util.List;

/**
 * A local HTTP server that answers chat requests exactly as one provider's API does (status
 * codes, headers, SSE or other framing, error bodies), so an adapter can be tested against the
 * wire format it will meet. Implementations say in their Javadoc which documentation they follow.
 */
public interface ChatProviderFake extends AutoCloseable {

    /** The base URL to configure the provider with. */
    URI baseUrl();

    /** Every following chat request is answered with this answer, streamed if the request asks for it. */
    void answer(FakeAnswer answer);

    /** Every following request is answered with the provider's documented error for this HTTP status. */
    void fail(int status);

    /**
     * Every following streamed request gets a 200, the first part of the answer's text, and then
     * the provider's in-band error event (for providers that have one) or a cut connection.
     */
    void failMidStream(FakeAnswer answer);

    /** The requests received so far, in order. */
    List<CapturedRequest> requests();

    @Override
    void close();
}
