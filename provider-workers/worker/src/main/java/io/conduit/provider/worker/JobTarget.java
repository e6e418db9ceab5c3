package io.conduit.provider.worker;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;

/** Where one attempt of a job runs: a provider (credential included), its adapter and the model to ask for. */
public record JobTarget(ProviderEndpoint endpoint, ProviderAdapter adapter, String providerModel) {

    @Override
    public String toString() {
        return "JobTarget[" + endpoint.providerName() + " " + providerModel + "]";
    }
}
