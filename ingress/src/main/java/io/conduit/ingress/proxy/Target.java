package io.conduit.ingress.proxy;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;

/** Where one request goes: the chosen deployment, its provider and the adapter that speaks to it. */
record Target(Deployment deployment, ProviderEndpoint provider, ProviderAdapter adapter) {}
