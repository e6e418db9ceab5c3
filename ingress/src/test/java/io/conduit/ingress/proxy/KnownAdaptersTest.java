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
    void every_provider_type_an_operator_can_configure_has_an_adapter(ProviderFamily family) {
        var adapter = ADAPTERS.get(family.id());

        assertThat(adapter).as(family.id()).isPresent();
        assertThat(adapter.get().id()).isEqualTo(family.id());
        if (family.mediaOnly()) {
            assertThat(adapter.get().capabilities()).as(family.id()).isNotEmpty()
                    .doesNotContain(Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING, Capability.EMBEDDINGS);
        } else {
            assertThat(adapter.get().capabilities()).contains(Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProviderFamily.class, names = {"GEMINI", "MINIMAX", "RUNWAY", "REPLICATE", "ELEVENLABS"})
    void media_families_offer_their_media(ProviderFamily family) {
        var capabilities = ADAPTERS.get(family.id()).orElseThrow().capabilities();

        switch (family) {
            case GEMINI -> assertThat(capabilities).contains(Capability.VIDEO_GENERATION, Capability.IMAGE_GENERATION);
            case MINIMAX -> assertThat(capabilities).contains(Capability.VIDEO_GENERATION, Capability.SPEECH);
            case RUNWAY -> assertThat(capabilities).containsExactly(Capability.VIDEO_GENERATION);
            case REPLICATE -> assertThat(capabilities).containsExactlyInAnyOrder(Capability.VIDEO_GENERATION,
                    Capability.IMAGE_GENERATION);
            case ELEVENLABS -> assertThat(capabilities).containsExactly(Capability.SPEECH);
            default -> throw new AssertionError(family);
        }
    }
}
