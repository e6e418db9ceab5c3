package io.conduit.admin.webhooks;

import io.conduit.admin.web.AdminException;
import io.conduit.media.webhook.WebhookAdmin;
import io.conduit.media.webhook.WebhookViews.Endpoint;
import io.conduit.media.webhook.WebhookViews.Message;
import io.conduit.media.webhook.WebhookViews.NewSecret;
import io.conduit.media.webhook.WebhookViews.Redelivery;
import io.conduit.media.webhook.WebhookViews.Settings;
import io.conduit.admin.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks of async jobs: each key group's default URL and signing secret (shown once, when rotated),
 * the delivery log with every attempt, redelivery, and endpoints (disabled after a 410 Gone).
 * Keys without a group have their settings under {@code /api/webhooks/settings}.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed job webhooks (Standard Webhooks): default URLs, signing secrets, "
        + "delivery log, redelivery, endpoints")
public class WebhookController {

    private static final int MAX_LIMIT = 500;

    private final WebhookAdmin webhooks;

    public WebhookController(WebhookAdmin webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/api/key-groups/{id}/webhook-settings")
    @Operation(summary = "Webhook settings of a key group (by id or name): default URL, whether a signing secret exists")
    public Settings settings(@PathVariable String id) throws SQLException {
        return webhooks.settings(keyGroup(id));
    }

    @RequestMapping(value = "/api/key-groups/{id}/webhook-settings", method = {RequestMethod.PUT, RequestMethod.PATCH})
    @Operation(summary = "Set the default webhook URL of a key group (null or empty clears it)")
    public Settings updateSettings(@PathVariable String id, @RequestBody WebhookSettingsRequest request) throws SQLException {
        return updateDefaultUrl(keyGroup(id), request);
    }

    @PostMapping("/api/key-groups/{id}/webhook-secret/rotate")
    @Operation(summary = "Create or rotate the signing secret of a key group; the answer shows it, once",
            description = "The previous secret keeps signing next to the new one for grace_period_seconds "
                    + "(default conduit.webhooks.secret-grace-period, 24 h); 0 drops it at once.")
    public NewSecret rotateSecret(@PathVariable String id, @RequestBody(required = false) RotateSecretRequest request)
            throws SQLException {
        return rotate(keyGroup(id), request);
    }

    @GetMapping("/api/webhooks/settings")
    @Operation(summary = "Webhook settings of keys without a key group")
    public Settings globalSettings() throws SQLException {
        return webhooks.settings(null);
    }

    @RequestMapping(value = "/api/webhooks/settings", method = {RequestMethod.PUT, RequestMethod.PATCH})
    @Operation(summary = "Set the default webhook URL of keys without a key group")
    public Settings updateGlobalSettings(@RequestBody WebhookSettingsRequest request) throws SQLException {
        return updateDefaultUrl(null, request);
    }

    @PostMapping("/api/webhooks/secret/rotate")
    @Operation(summary = "Create or rotate the signing secret of keys without a key group; the answer shows it, once")
    public NewSecret rotateGlobalSecret(@RequestBody(required = false) RotateSecretRequest request) throws SQLException {
        return rotate(null, request);
    }

    @GetMapping("/api/webhooks/messages")
    @Operation(summary = "Delivery log: webhook messages, newest first")
    public Map<String, Object> messages(
            @Parameter(description = "key group id or name") @RequestParam(name = "key_group", required = false) String keyGroup,
            @Parameter(description = "pending, delivered, failed or skipped") @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) throws SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw AdminException.badRequest("limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw AdminException.badRequest("offset", "'offset' must not be negative.");
        }
        UUID group = keyGroup == null || keyGroup.isBlank() ? null : keyGroup(keyGroup);
        List<Message> page;
        try {
            page = webhooks.messages(group, status == null || status.isBlank() ? null : status, limit + 1, offset);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("status", e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.size() > limit ? page.subList(0, limit) : page);
        body.put("has_more", page.size() > limit);
        return body;
    }

    @GetMapping("/api/webhooks/messages/{id}")
    @Operation(summary = "One webhook message with its payload and every delivery attempt")
    public Message message(@PathVariable String id) throws SQLException {
        return webhooks.message(id).orElseThrow(() -> AdminException.notFound("Webhook message", id));
    }

    @PostMapping("/api/webhooks/messages/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a message again, with the same webhook-id, now and on a fresh retry schedule")
    public Message redeliver(@PathVariable String id) throws SQLException {
        Redelivery redelivery = webhooks.redeliver(id);
        return switch (redelivery.result()) {
            case SCHEDULED -> redelivery.message();
            case NOT_FOUND -> throw AdminException.notFound("Webhook message", id);
            case IN_FLIGHT -> throw AdminException.conflict("webhook_in_flight",
                    "Webhook message '" + id + "' is being delivered right now; try again when the attempt has ended.");
            case ENDPOINT_DISABLED -> throw AdminException.conflict("webhook_endpoint_disabled",
                    "The endpoint of webhook message '" + id + "' is disabled; enable it (POST /api/webhooks/endpoints/{id}/enable) first.");
            case NO_URL -> throw AdminException.conflict("webhook_url_missing",
                    "Webhook message '" + id + "' has no URL and its key group has no default_url; set one first.");
        };
    }

    @GetMapping("/api/webhooks/endpoints")
    @Operation(summary = "Receiving endpoints and how they answered; disabled ones (after a 410 Gone) get nothing")
    public Map<String, List<Endpoint>> endpoints(@RequestParam(required = false) Boolean disabled) throws SQLException {
        return Map.of("data", webhooks.endpoints(disabled));
    }

    @PostMapping("/api/webhooks/endpoints/{id}/enable")
    @Operation(summary = "Enable a disabled endpoint again (failed messages need a redelivery)")
    public Endpoint enableEndpoint(@PathVariable String id) throws SQLException {
        UUID endpoint = Ids.parse(id).orElseThrow(() -> AdminException.notFound("Webhook endpoint", id));
        return webhooks.enableEndpoint(endpoint).orElseThrow(() -> AdminException.notFound("Webhook endpoint", id));
    }

    private UUID keyGroup(String idOrName) throws SQLException {
        return webhooks.keyGroup(idOrName).orElseThrow(() -> AdminException.notFound("Key group", idOrName));
    }

    private Settings updateDefaultUrl(UUID keyGroup, WebhookSettingsRequest request) throws SQLException {
        try {
            return webhooks.updateDefaultUrl(keyGroup, request == null ? null : request.defaultUrl());
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("default_url", e.getMessage());
        }
    }

    private NewSecret rotate(UUID keyGroup, RotateSecretRequest request) throws SQLException {
        Long seconds = request == null ? null : request.gracePeriodSeconds();
        if (seconds != null && seconds < 0) {
            throw AdminException.badRequest("grace_period_seconds", "'grace_period_seconds' must not be negative.");
        }
        return webhooks.rotateSecret(keyGroup, seconds == null ? null : Duration.ofSeconds(seconds));
    }
}
