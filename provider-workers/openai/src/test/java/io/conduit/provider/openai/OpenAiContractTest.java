package io.conduit.provider.openai;

import io.conduit.provider.openai.fake.FakeFlavor;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.net.URI;
import java.util.Map;

/** The chat adapter contract for OpenAI itself. */
class OpenAiContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return OpenAiAdapter.openAi();
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeOpenAiChat(FakeFlavor.openAi(), API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-openai", "openai", "openai", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 403, Kind.PERMISSION_DENIED,
                404, Kind.NOT_FOUND, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED);
    }
}
