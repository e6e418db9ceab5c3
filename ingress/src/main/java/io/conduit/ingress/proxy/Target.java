package io.conduit.ingress.proxy;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;

/**
 * One attempt's destination: a deployment, its provider (with the API key this attempt uses), the
 * adapter that speaks to it, and the capability called.
 *
 * @param keyIndex which of the provider's keys {@code provider} carries
 * @param keyCount how many keys the provider holds
 */
record Target(Deployment deployment, ProviderEndpoint provider, ProviderAdapter adapter, Operation.Calls calls,
        int keyIndex, int keyCount) {}
