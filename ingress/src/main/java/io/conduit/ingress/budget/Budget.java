package io.conduit.ingress.budget;

/**
 * A spending limit as ingress holds it.
 *
 * @param id the budget's id
 * @param scope {@code key} or {@code key_group}
 * @param scopeId id of the key or group
 * @param amountMicros the limit
 * @param period {@code daily}, {@code weekly}, {@code monthly} or {@code total}
 */
public record Budget(String id, String scope, String scopeId, long amountMicros, String period) {}
