package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.net.URI;
import java.util.Map;

/** The chat adapter contract, against {@link FakeBedrock}, signing with an access key. */
class BedrockContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return BedrockAdapter.create();
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeBedrock().start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-bedrock", "bedrock-test", "bedrock", baseUrl, FakeBedrock.accessKeyCredential());
    }

    /** The errors the Converse API reference lists, by the status Bedrock gives each. */
    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(
                400, Kind.BAD_REQUEST,          // ValidationException
                403, Kind.PERMISSION_DENIED,    // AccessDeniedException
                404, Kind.NOT_FOUND,            // ResourceNotFoundException
                408, Kind.TIMEOUT,              // ModelTimeoutException
                424, Kind.SERVER_ERROR,         // ModelErrorException
                429, Kind.RATE_LIMITED,         // ThrottlingException
                500, Kind.SERVER_ERROR,         // InternalServerException
                503, Kind.OVERLOADED);          // ServiceUnavailableException
    }

    /**
     * Bedrock reports cache reads, but not reasoning tokens (they are inside outputTokens), so the
     * contract's combined check cannot pass; cached tokens are checked in {@link BedrockAdapterTest}.
     */
    @Override
    protected boolean reportsCachedAndReasoningTokens() {
        return false;
    }
}
