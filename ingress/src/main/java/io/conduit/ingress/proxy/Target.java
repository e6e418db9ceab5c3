package io.conduit.ingress.proxy;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;

/** One attempt's destination: a deployment, its provider, the adapter that speaks to it, and the capability called. */
record Target(Deployment deployment, ProviderEndpoint provider, ProviderAdapter adapter, Operation.Calls calls) {}
