package io.conduit.admin.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Webhook settings of a key group.
 *
 * @param defaultUrl where webhooks of jobs without their own {@code webhook_url} go; null or empty: nowhere
 */
public record WebhookSettingsRequest(@JsonProperty("default_url") String defaultUrl) {}
