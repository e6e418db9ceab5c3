package io.conduit.ingress.proxy;

import io.conduit.ingress.budget.CallPricer;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The most a request may cost: its prompt (counted with the tokenizer) plus every output token it
 * allows ({@code max_completion_tokens} or {@code max_tokens}; else the model's output limit, else
 * a default), priced for the most expensive deployment it may reach.
 */
final class WorstCase {

    private WorstCase() {}

    static long micros(List<Target> plan, JsonObjectScan body, TokenEstimator tokens, CallPricer pricer,
            int defaultMaxOutputTokens, Instant now) {
        long prompt = tokens.countPrompt(body);
        Optional<Long> asked = maxTokens(body, "max_completion_tokens").or(() -> maxTokens(body, "max_tokens"));
        long worst = 0;
        Set<String> seen = new HashSet<>();
        for (Target target : plan) {
            String model = target.deployment().providerModel();
            if (!seen.add(target.provider().providerName() + "/" + model)) {
                continue;
            }
            long output = asked.orElseGet(() -> {
                int limit = target.adapter().modelCapabilities(model).maxOutputTokens();
                return (long) (limit > 0 ? limit : defaultMaxOutputTokens);
            });
            worst = Math.max(worst, pricer.worstCaseMicros(target.provider().providerName(), model, prompt, output, now));
        }
        return worst;
    }

    private static Optional<Long> maxTokens(JsonObjectScan body, String field) {
        return body.member(field).filter(m -> m.type() == JsonType.NUMBER).map(m -> parse(body, m));
    }

    private static Long parse(JsonObjectScan body, JsonMember member) {
        try {
            return Long.parseLong(new String(body.rawValue(member), java.nio.charset.StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
