package io.conduit.admin.routes;

import io.conduit.contracts.routing.DeploymentHealth;
import io.conduit.contracts.routing.DeploymentHealthSource;
import io.conduit.admin.web.AdminException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Routing", description = "Per-alias strategy and fallbacks; live deployment health")
public class RouteController {

    private final RouteStore store;
    private final ObjectProvider<DeploymentHealthSource> health;

    public RouteController(RouteStore store, ObjectProvider<DeploymentHealthSource> health) {
        this.store = store;
        this.health = health;
    }

    @GetMapping("/api/routes")
    @Operation(summary = "Every alias with its routing settings and deployments")
    public Map<String, List<RouteView>> list() {
        return Map.of("data", store.list());
    }

    @GetMapping("/api/routes/{alias}")
    @Operation(summary = "One alias's routing")
    public RouteView get(@PathVariable String alias) {
        return store.get(alias);
    }

    @PutMapping("/api/routes/{alias}")
    @Operation(summary = "Set an alias's strategy and fallbacks; absent fields keep their value")
    public RouteView put(@PathVariable String alias, @RequestBody RouteRequest request) {
        return store.put(alias, request);
    }

    @DeleteMapping("/api/routes/{alias}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reset an alias's routing settings to the defaults")
    public void delete(@PathVariable String alias) {
        store.delete(alias);
    }

    @GetMapping("/api/deployments/health")
    @Operation(summary = "Circuit state, error rate, latency, in-flight calls and cooldown of every deployment, as this instance sees them")
    public Map<String, List<DeploymentHealth>> deploymentHealth() {
        DeploymentHealthSource source = health.getIfAvailable();
        if (source == null) {
            throw new AdminException(503, "api_error", "no_gateway_role", null,
                    "This process does not run the ingress role, so it has no deployment health to show.");
        }
        return Map.of("data", source.deploymentHealth());
    }
}
