package io.conduit.provider.minimax;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.net.URI;
import java.util.Map;

/**
 * The shared contract over MiniMax's fake. The HTTP statuses are the ones MiniMax's gateway
 * answers with; the errors MiniMax answers with HTTP 200 and a {@code base_resp} code are
 * covered by {@link MiniMaxInBandErrorTest}.
 */
class MiniMaxContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return MiniMaxAdapter.create();
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeMiniMax(API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-minimax", "minimax-main", "minimax", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(
                400, Kind.BAD_REQUEST,
                401, Kind.AUTHENTICATION,
                429, Kind.RATE_LIMITED,
                500, Kind.SERVER_ERROR,
                502, Kind.SERVER_ERROR,
                503, Kind.OVERLOADED,
                504, Kind.TIMEOUT);
    }
}
