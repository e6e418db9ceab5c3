package io.conduit.admin.routes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How an alias is routed. Absent fields keep their value (defaults: priority, no fallbacks).
 *
 * @param strategy priority, weighted, round_robin, least_latency, least_cost, least_busy or usage_based
 * @param fallbacks aliases tried in order when every deployment of this one failed
 * @param contextWindowFallbacks aliases tried when the request is too long for this alias's models
 * @param contentPolicyFallbacks aliases tried when this alias's provider refuses the content
 */
public record RouteRequest(
        String strategy,
        List<String> fallbacks,
        @JsonProperty("context_window_fallbacks") List<String> contextWindowFallbacks,
        @JsonProperty("content_policy_fallbacks") List<String> contentPolicyFallbacks) {}
