package io.conduit.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.error.ErrorEnvelope;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.TokenRates;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.openai.OpenAiAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.RouteTable;
import io.conduit.router.Router;
import io.conduit.router.health.HealthPolicy;
import io.conduit.router.health.HealthRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code CONDUIT_LEDGER_UNPRICED_POLICY=reject}: deployments of models without a price are never called. */
class UnpricedModelRejectionTest {

    final GatewaySnapshot snapshot = new GatewaySnapshot(Map.of(),
            Map.of("p1", new ProviderEndpoint("p1", "openai-main", "openai_compatible", URI.create("http://127.0.0.1:9/v1"), "sk-x"),
                    "p2", new ProviderEndpoint("p2", "azure-eu", "openai_compatible", URI.create("http://127.0.0.1:9/v1"), "sk-y")),
            Map.of(),
            RouteTable.compile(List.of(
                    new Deployment("d1", "fast", "p1", "gpt-4o-mini", 0, 1),
                    new Deployment("d2", "mixed", "p1", "mystery-model", 0, 1),
                    new Deployment("d3", "mixed", "p1", "gpt-4o-mini", 1, 1),
                    new Deployment("d4", "unknown", "p1", "mystery-model", 0, 1),
                    new Deployment("d5", "house", "p1", "house-model", 0, 1),
                    new Deployment("d6", "house-eu", "p2", "house-model", 0, 1))),
            Map.of(), Map.of(), Map.of());
    final VirtualKey key = new VirtualKey("k1", "test", new byte[32], true, null, List.of(), null);

    /** The bundled prices plus one for {@code house-model} on provider {@code azure-eu} only. */
    final PriceCatalog catalog = PriceCatalog.of(new PriceCatalogSnapshot(5, "2026-11-24.5", Instant.now(), "USD", "test",
            java.util.stream.Stream.concat(PriceCatalog.bundled().snapshot().prices().stream(), java.util.stream.Stream.of(
                    new PriceEntry("house-model", "azure-eu", Instant.parse("2026-01-01T00:00:00Z"), null, "chat",
                            TokenRates.of("1", "2"), null, null, null, null, "test"))).toList(), List.of()));

    AttemptPlanner planner(PriceCheck prices) {
        return new AttemptPlanner(new ProviderAdapters(List.of(OpenAiAdapter.openAiCompatible())),
                new Router(new HealthRegistry(HealthPolicy.defaults(), Clock.systemUTC())), new ProviderKeyRing(Clock.systemUTC()),
                prices);
    }

    List<Target> plan(PriceCheck prices, String alias) {
        return planner(prices).plan(snapshot, key, alias, Operation.CHAT_COMPLETIONS, null, new Random(7));
    }

    @Test
    void refuses_an_alias_whose_models_have_no_price_with_model_not_priced() {
        assertThatThrownBy(() -> plan(PriceCheck.pricedIn(() -> catalog), "unknown"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("model_not_priced");
                    assertThat(e.param()).isEqualTo("model");
                    assertThat(new String(ErrorEnvelope.json(e.getMessage(), e.type(), e.param(), e.code())))
                            .contains("\"code\":\"model_not_priced\"", "'unknown' has no price");
                });
    }

    @Test
    void routes_only_to_the_priced_deployments_of_an_alias() {
        assertThat(plan(PriceCheck.pricedIn(() -> catalog), "mixed"))
                .extracting(t -> t.deployment().providerModel()).containsExactly("gpt-4o-mini");
        assertThat(plan(PriceCheck.pricedIn(() -> catalog), "fast")).hasSize(1);
    }

    @Test
    void a_price_for_one_provider_does_not_price_the_model_on_another() {
        assertThat(plan(PriceCheck.pricedIn(() -> catalog), "house-eu")).hasSize(1);
        assertThatThrownBy(() -> plan(PriceCheck.pricedIn(() -> catalog), "house"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("model_not_priced"));
    }

    @Test
    void with_the_flag_policy_every_model_is_served() {
        assertThat(plan(PriceCheck.ANY, "unknown")).hasSize(1);
        assertThat(plan(PriceCheck.ANY, "mixed")).hasSize(2);
    }
}
