package io.conduit.admin.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Options of a signing secret rotation (the body is optional).
 *
 * @param gracePeriodSeconds how long the previous secret keeps signing next to the new one; absent: the
 *     configured {@code conduit.webhooks.secret-grace-period} (24 h); 0: dropped at once (after a leak)
 */
public record RotateSecretRequest(@JsonProperty("grace_period_seconds") Long gracePeriodSeconds) {}
