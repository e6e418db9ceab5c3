package io.conduit.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.providers.ProviderFamily;
import io.conduit.provider.spi.Capability;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KnownAdaptersTest {

    static final ProviderAdapters ADAPTERS = KnownAdapters.all();

    @ParameterizedTest
    @EnumSource(ProviderFamily.class)
    void every_provider_type_an_operator_can_configure_has_a_chat_adapter(ProviderFamily family) {
        var adapter = ADAPTERS.get(family.id());

        assertThat(adapter).as(family.id()).isPresent();
        assertThat(adapter.get().id()).isEqualTo(family.id());
        assertThat(adapter.get().capabilities()).contains(Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING);
    }
}
