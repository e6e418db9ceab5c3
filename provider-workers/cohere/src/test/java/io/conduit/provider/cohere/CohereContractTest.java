package io.conduit.provider.cohere;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.net.URI;
import java.util.Map;

class CohereContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return CohereAdapter.create();
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeCohere(API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-cohere", "cohere-main", "cohere", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.ofEntries(
                Map.entry(400, Kind.BAD_REQUEST),
                Map.entry(401, Kind.AUTHENTICATION),
                Map.entry(402, Kind.PERMISSION_DENIED),
                Map.entry(403, Kind.PERMISSION_DENIED),
                Map.entry(404, Kind.NOT_FOUND),
                Map.entry(422, Kind.UNPROCESSABLE),
                Map.entry(429, Kind.RATE_LIMITED),
                Map.entry(498, Kind.AUTHENTICATION),
                Map.entry(499, Kind.SERVER_ERROR),
                Map.entry(500, Kind.SERVER_ERROR),
                Map.entry(501, Kind.BAD_REQUEST),
                Map.entry(503, Kind.OVERLOADED),
                Map.entry(504, Kind.TIMEOUT));
    }

    /** Cohere reports cached prompt tokens but no reasoning tokens; cached ones are tested in CohereChatMappingTest. */
    @Override
    protected boolean reportsCachedAndReasoningTokens() {
        return false;
    }
}
