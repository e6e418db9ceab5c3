package io.conduit.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.router.health.HealthPolicy;
import io.conduit.router.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    final Router router = new Router(new HealthRegistry(HealthPolicy.defaults(), Clock.systemUTC()));

    @Test
    void plans_each_alias_over_its_deployments_lowest_priority_first() {
        Deployment backup = new Deployment("d2", "gpt", "p2", "gpt-4o", 5, 1);
        Deployment primary = new Deployment("d1", "gpt", "p1", "gpt-4o-mini", 0, 1);
        Deployment embed = new Deployment("d3", "embed", "p1", "text-embedding-3-small", 0, 1);

        RouteTable table = RouteTable.compile(List.of(backup, primary, embed));

        assertThat(table.aliases()).containsExactlyInAnyOrder("gpt", "embed");
        assertThat(router.plan(table, "gpt", Optional.empty(), new Random(1))).containsExactly(primary, backup);
        assertThat(router.plan(table, "embed", Optional.empty(), new Random(1))).containsExactly(embed);
    }

    @Test
    void an_unknown_alias_has_an_empty_plan() {
        assertThat(RouteTable.empty().route("nope")).isEmpty();
        assertThat(router.plan(RouteTable.empty(), "nope", Optional.empty(), new Random(1))).isEmpty();
    }

    @Test
    void fallback_aliases_follow_in_order_without_cycles() {
        Deployment a = new Deployment("a", "main", "p", "x", 0, 1);
        Deployment b = new Deployment("b", "backup", "p", "y", 0, 1);
        Deployment c = new Deployment("c", "last", "p", "z", 0, 1);
        RouteTable table = RouteTable.compile(List.of(a, b, c), Map.of(
                "main", new AliasSettings("priority", List.of("backup", "main")),
                "backup", new AliasSettings("priority", List.of("last", "main"))));

        assertThat(router.plan(table, "main", Optional.empty(), new Random(1))).containsExactly(a, b, c);
    }

    @Test
    void ejected_deployments_go_last() {
        Deployment flaky = new Deployment("flaky", "m", "p", "x", 0, 1);
        Deployment steady = new Deployment("steady", "m", "p", "y", 1, 1);
        RouteTable table = RouteTable.compile(List.of(flaky, steady));
        for (int i = 0; i < HealthPolicy.defaults().ejectAfterConsecutiveFailures(); i++) {
            assertThat(router.health().of("flaky").tryAcquire()).isTrue();
            router.health().of("flaky").onFailure(Duration.ofMillis(5));
        }

        assertThat(router.plan(table, "m", Optional.empty(), new Random(1))).containsExactly(steady, flaky);
    }

    @Test
    void rejects_invalid_routes() {
        assertThatThrownBy(() -> new Deployment("a", "m", "p", "x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route("m", List.of(), Strategies.PRIORITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AliasSettings("fastest-please", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
