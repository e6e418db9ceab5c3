package io.conduit.server.support;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.ChatProviderFake;

/**
 * A started fake upstream of one provider family, registered with the gateway.
 *
 * @param family the family it speaks
 * @param fake the fake: tell it what to answer, read what it received
 * @param provider the provider's name in the gateway
 * @param credential the provider's secret, which must never reach a client
 */
public record Upstream(FamilyFake family, ChatProviderFake fake, String provider, String credential)
        implements AutoCloseable {

    /** The request the fake received last. */
    public CapturedRequest lastRequest() {
        return fake.requests().getLast();
    }

    public int requestCount() {
        return fake.requests().size();
    }

    @Override
    public void close() {
        fake.close();
    }
}
