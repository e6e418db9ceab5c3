package io.conduit.media.webhook;

import java.time.Instant;

/**
 * One webhook to deliver about a job.
 *
 * @param webhookId stable id of the message ({@code webhook-id}): the same happening always has the same id
 * @param keyGroupId the job's key group (whose signing secret and default URL apply), null when none
 * @param url the job's own {@code webhook_url}, null to use the group's default (none: nothing is sent)
 * @param type event type, e.g. {@code video.completed}, {@code image.failed}
 * @param dataJson the job as the API shows it, a JSON object: the payload's {@code data}
 * @param at when it happened: the payload's {@code timestamp}
 */
public record WebhookMessage(String webhookId, String keyGroupId, String url, String type, String dataJson, Instant at) {}
