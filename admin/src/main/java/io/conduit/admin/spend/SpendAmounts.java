package io.conduit.admin.spend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measures of a spend row. Money is integer micro-USD; {@code total_usd} is the same amount as an
 * exact decimal string (6 decimal places), never a floating-point number.
 */
public record SpendAmounts(long requests, long unpricedRequests, long promptTokens, long completionTokens,
        long cachedTokens, long totalMicros) {

    public static final SpendAmounts ZERO = new SpendAmounts(0, 0, 0, 0, 0, 0);

    /** The measure columns, in the order of {@link #toMap()}. */
    public static final java.util.List<String> COLUMNS = java.util.List.of("requests", "unpriced_requests",
            "prompt_tokens", "completion_tokens", "cached_tokens", "total_micros", "total_usd");

    public SpendAmounts plus(SpendAmounts other) {
        return new SpendAmounts(requests + other.requests, unpricedRequests + other.unpricedRequests,
                promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, Math.addExact(totalMicros, other.totalMicros));
    }

    /** Micro-USD as USD: {@code 420} → {@code "0.000420"}. */
    public static String usd(long micros) {
        return new BigDecimal(BigInteger.valueOf(micros), 6).toPlainString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requests", requests);
        map.put("unpriced_requests", unpricedRequests);
        map.put("prompt_tokens", promptTokens);
        map.put("completion_tokens", completionTokens);
        map.put("cached_tokens", cachedTokens);
        map.put("total_micros", totalMicros);
        map.put("total_usd", usd(totalMicros));
        return map;
    }
}
