package io.conduit.ingress.budget;

import java.time.Duration;

/**
 * One limit a call must fit in: a budget's current period, or a group's prepaid balance.
 *
 * @param id names the limit and its period, e.g. {@code key:3f2a…:daily:2026-11-24}; reservations
 *     and spend posted by ingress are counted under it
 * @param capMicros the most that may be spent in it
 * @param ledgerSpentMicros what the ledger has posted in it so far
 * @param balance true for a prepaid balance (exhausting it is a 402), false for a budget (a 429)
 * @param keep how long the counters of this period are worth keeping
 */
public record Limit(String id, long capMicros, long ledgerSpentMicros, boolean balance, Duration keep) {}
