package io.conduit.media.webhook;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where job state changes leave webhooks to be delivered: written in the same database transaction
 * as the change itself, so a change and its webhook commit together, and enqueuing the same
 * {@link WebhookMessage#webhookId()} twice keeps one message.
 */
public interface WebhookOutbox {

    /** Enqueues a message in the caller's transaction; a message with the same id already there is kept as is. */
    void enqueue(Connection transaction, WebhookMessage message) throws SQLException;
}
