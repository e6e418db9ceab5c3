package io.conduit.provider.anthropic;

import static java.util.Map.entry;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.net.URI;
import java.util.Map;

/**
 * The chat adapter contract against the fake Anthropic API. Anthropic does not report thinking
 * tokens apart from output tokens, so the adapter estimates them and the contract's exact
 * reasoning-token check does not apply; {@code AnthropicUsageTest} covers cached tokens and the
 * estimate in plain and streamed answers instead.
 */
class AnthropicContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return AnthropicAdapter.create();
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeAnthropic(API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p1", "claude", AnthropicAdapter.ID, baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.ofEntries(
                entry(400, Kind.BAD_REQUEST),
                entry(401, Kind.AUTHENTICATION),
                entry(402, Kind.PERMISSION_DENIED),
                entry(403, Kind.PERMISSION_DENIED),
                entry(404, Kind.NOT_FOUND),
                entry(413, Kind.BAD_REQUEST),
                entry(429, Kind.RATE_LIMITED),
                entry(500, Kind.SERVER_ERROR),
                entry(504, Kind.TIMEOUT),
                entry(529, Kind.OVERLOADED));
    }

    @Override
    protected boolean reportsCachedAndReasoningTokens() {
        return false;
    }
}
