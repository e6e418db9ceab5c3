package io.conduit.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void routes_each_alias_to_its_deployments_lowest_priority_first() {
        Deployment backup = new Deployment("d2", "gpt", "p2", "gpt-4o", 5, 1);
        Deployment primary = new Deployment("d1", "gpt", "p1", "gpt-4o-mini", 0, 1);
        Deployment embed = new Deployment("d3", "embed", "p1", "text-embedding-3-small", 0, 1);

        RouteTable table = RouteTable.compile(List.of(backup, primary, embed));

        assertThat(table.aliases()).containsExactlyInAnyOrder("gpt", "embed");
        assertThat(table.route("gpt").orElseThrow().attemptOrder()).containsExactly(primary, backup);
        assertThat(table.route("embed").orElseThrow().attemptOrder()).containsExactly(embed);
    }

    @Test
    void unknown_alias_has_no_route() {
        assertThat(RouteTable.compile(List.of()).route("nope")).isEmpty();
        assertThat(RouteTable.empty().aliases()).isEmpty();
    }

    @Test
    void priority_ties_keep_configured_order() {
        Deployment a = new Deployment("a", "m", "p", "x", 1, 1);
        Deployment b = new Deployment("b", "m", "p", "y", 1, 1);

        assertThat(RoutingStrategy.PRIORITY.order(List.of(b, a))).containsExactly(b, a);
    }

    @Test
    void rejects_invalid_routes() {
        assertThatThrownBy(() -> new Deployment("a", "m", "p", "x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route("m", List.of(), RoutingStrategy.PRIORITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
