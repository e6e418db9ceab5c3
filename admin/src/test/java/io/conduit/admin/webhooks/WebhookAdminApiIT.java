package io.conduit.admin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.sun.net.httpserver.HttpServer;
import io.conduit.admin.web.AdminErrorHandler;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.security.CredentialCipher;
import io.conduit.embedded.EmbeddedPostgres;
import io.conduit.media.webhook.HostResolver;
import io.conduit.media.webhook.PinnedHttpClient;
import io.conduit.media.webhook.PostgresWebhookOutbox;
import io.conduit.media.webhook.RetrySchedule;
import io.conduit.media.webhook.WebhookAdmin;
import io.conduit.media.webhook.WebhookDispatcher;
import io.conduit.media.webhook.WebhookMessage;
import io.conduit.media.webhook.WebhookProperties;
import io.conduit.media.webhook.WebhookSignatures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;

/**
 * The admin webhook endpoints over MockMvc, on a real PostgreSQL migrated by Flyway, with media-jobs'
 * outbox and dispatcher delivering to a real receiver on 127.0.0.1.
 */
class WebhookAdminApiIT {

    record Received(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    static EmbeddedPostgres postgres;
    static PGSimpleDataSource db;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static volatile int answer = 200;
    static final CredentialCipher cipher = CredentialCipher.fromBase64(CredentialCipher.newBase64Key());
    static final List<String> responses = new ArrayList<>();

    static MockMvc mvc;
    static WebhookDispatcher dispatcher;
    static PostgresWebhookOutbox outbox;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(Files.createTempDirectory("conduit-admin-webhooks-"))
                .withPort(0));
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("classpath:db/migration").load().migrate();
        db = new PGSimpleDataSource();
        db.setURL(postgres.jdbcUrl());
        db.setUser(postgres.username());
        db.setPassword(postgres.password());

        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        receiver.start();

        WebhookAdmin admin = new WebhookAdmin(db, cipher, Clock.systemUTC(), Duration.ofHours(24));
        mvc = MockMvcBuilders.standaloneSetup(new WebhookController(admin)).setControllerAdvice(new AdminErrorHandler()).build();
        WebhookProperties properties = WebhookProperties.defaults().withAllowedNetworks(List.of("127.0.0.1/32"))
                .withRetrySchedule(WebhookProperties.defaults().retrySchedule(), 0);
        dispatcher = new WebhookDispatcher(db, cipher, properties, Clock.systemUTC(), HostResolver.SYSTEM,
                new PinnedHttpClient(), "admin-test");
        outbox = new PostgresWebhookOutbox(Clock.systemUTC(), new RetrySchedule(properties.retrySchedule(), 0));
    }

    @AfterAll
    static void stop() {
        dispatcher.close();
        receiver.stop(0);
        postgres.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static String keyGroup(String name) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into key_groups (id, name) values (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
        return id.toString();
    }

    static void enqueue(WebhookMessage message) throws Exception {
        try (Connection transaction = db.getConnection()) {
            transaction.setAutoCommit(false);
            outbox.enqueue(transaction, message);
            transaction.commit();
        }
    }

    static MvcResult call(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        responses.add(body);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        return result;
    }

    static JsonNode json(RequestBuilder request, int status) throws Exception {
        return Json.mapper().readTree(call(request, status).getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void settings_rotation_delivery_log_and_redelivery() throws Exception {
        String group = keyGroup("media-team");

        JsonNode settings = json(get("/api/key-groups/media-team/webhook-settings"), 200);
        assertThat(settings.get("key_group_id").asString()).isEqualTo(group);
        assertThat(settings.get("secret_configured").asBoolean()).isFalse();

        JsonNode invalid = json(put("/api/key-groups/" + group + "/webhook-settings").contentType(MediaType.APPLICATION_JSON)
                .content("{\"default_url\":\"ftp://example.com/x\"}"), 400);
        assertThat(invalid.at("/error/param").asString()).isEqualTo("default_url");
        assertThat(invalid.at("/error/message").asString()).contains("http or https");

        JsonNode updated = json(put("/api/key-groups/" + group + "/webhook-settings").contentType(MediaType.APPLICATION_JSON)
                .content("{\"default_url\":\"" + url("/team") + "\"}"), 200);
        assertThat(updated.get("default_url").asString()).isEqualTo(url("/team"));

        JsonNode rotated = json(post("/api/key-groups/" + group + "/webhook-secret/rotate"), 200);
        String secret = rotated.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        JsonNode after = json(get("/api/key-groups/" + group + "/webhook-settings"), 200);
        assertThat(after.get("secret_configured").asBoolean()).isTrue();
        assertThat(after.toString()).doesNotContain("whsec_");

        enqueue(new WebhookMessage("msg_admin_1", group, null, "transcription.completed", "{\"id\":\"tr_1\"}", Instant.now()));
        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        Received first = received.getLast();
        assertThat(first.header("webhook-id")).isEqualTo("msg_admin_1");
        long timestamp = Long.parseLong(first.header("webhook-timestamp"));
        assertThat(first.header("webhook-signature")).isEqualTo(WebhookSignatures.sign(secret, "msg_admin_1", timestamp, first.body()));

        JsonNode list = json(get("/api/webhooks/messages").param("key_group", "media-team").param("status", "delivered"), 200);
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.at("/data/0/id").asString()).isEqualTo("msg_admin_1");
        assertThat(list.at("/data/0/url").asString()).isEqualTo(url("/team"));
        assertThat(list.get("has_more").asBoolean()).isFalse();
        assertThat(json(get("/api/webhooks/messages").param("key_group", "media-team").param("status", "failed"), 200)
                .get("data")).isEmpty();

        JsonNode redelivered = json(post("/api/webhooks/messages/msg_admin_1/redeliver"), 202);
        assertThat(redelivered.get("status").asString()).isEqualTo("pending");
        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        assertThat(received.getLast().header("webhook-id")).isEqualTo("msg_admin_1");
        assertThat(received.getLast().body()).isEqualTo(first.body());

        JsonNode message = json(get("/api/webhooks/messages/msg_admin_1"), 200);
        assertThat(message.get("status").asString()).isEqualTo("delivered");
        assertThat(message.get("attempt_count").asInt()).isEqualTo(2);
        assertThat(message.get("attempts")).hasSize(2);
        assertThat(message.at("/attempts/1/outcome").asString()).isEqualTo("delivered");
        assertThat(message.at("/attempts/1/status_code").asInt()).isEqualTo(200);
        assertThat(message.at("/payload/type").asString()).isEqualTo("transcription.completed");
        assertThat(message.at("/payload/data/id").asString()).isEqualTo("tr_1");

        // the secret was in the rotation's answer and nowhere else
        assertThat(responses.stream().filter(body -> body.contains(secret.substring(6)))).hasSize(1);
    }

    @Test
    void gone_endpoints_are_listed_refuse_redelivery_and_can_be_enabled() throws Exception {
        answer = 410;
        try {
            enqueue(new WebhookMessage("msg_admin_gone", null, url("/gone"), "video.failed", "{\"id\":\"video_9\"}", Instant.now()));
            dispatcher.deliverDue();
        } finally {
            answer = 200;
        }
        JsonNode disabled = json(get("/api/webhooks/endpoints").param("disabled", "true"), 200);
        assertThat(disabled.get("data")).hasSize(1);
        assertThat(disabled.at("/data/0/url").asString()).isEqualTo(url("/gone"));
        assertThat(disabled.at("/data/0/last_status_code").asInt()).isEqualTo(410);
        String endpoint = disabled.at("/data/0/id").asString();

        JsonNode conflict = json(post("/api/webhooks/messages/msg_admin_gone/redeliver"), 409);
        assertThat(conflict.at("/error/code").asString()).isEqualTo("webhook_endpoint_disabled");

        JsonNode enabled = json(post("/api/webhooks/endpoints/" + endpoint + "/enable"), 200);
        assertThat(enabled.get("disabled").asBoolean()).isFalse();
        json(post("/api/webhooks/messages/msg_admin_gone/redeliver"), 202);
        dispatcher.deliverDue();
        assertThat(json(get("/api/webhooks/messages/msg_admin_gone"), 200).get("status").asString()).isEqualTo("delivered");
    }

    @Test
    void bad_requests_get_openai_style_errors() throws Exception {
        assertThat(json(get("/api/key-groups/no-such-group/webhook-settings"), 404).at("/error/code").asString())
                .isEqualTo("not_found");
        assertThat(json(get("/api/webhooks/messages/msg_missing"), 404).at("/error/type").asString())
                .isEqualTo("invalid_request_error");
        assertThat(json(post("/api/webhooks/messages/msg_missing/redeliver"), 404).at("/error/code").asString())
                .isEqualTo("not_found");
        assertThat(json(get("/api/webhooks/messages").param("status", "lost"), 400).at("/error/param").asString())
                .isEqualTo("status");
        assertThat(json(get("/api/webhooks/messages").param("limit", "0"), 400).at("/error/param").asString())
                .isEqualTo("limit");
        assertThat(json(post("/api/webhooks/endpoints/not-a-uuid/enable"), 404).at("/error/code").asString())
                .isEqualTo("not_found");
        assertThat(json(post("/api/webhooks/secret/rotate").contentType(MediaType.APPLICATION_JSON)
                .content("{\"grace_period_seconds\":-1}"), 400).at("/error/param").asString()).isEqualTo("grace_period_seconds");
    }

    @Test
    void keys_without_a_group_have_global_settings_and_a_secret() throws Exception {
        json(put("/api/webhooks/settings").contentType(MediaType.APPLICATION_JSON)
                .content("{\"default_url\":\"" + url("/global") + "\"}"), 200);
        String secret = json(post("/api/webhooks/secret/rotate").contentType(MediaType.APPLICATION_JSON)
                .content("{\"grace_period_seconds\":0}"), 200).get("secret").asString();
        JsonNode settings = json(get("/api/webhooks/settings"), 200);
        assertThat(settings.get("default_url").asString()).isEqualTo(url("/global"));
        assertThat(settings.get("key_group_id").isNull()).isTrue();

        enqueue(new WebhookMessage("msg_admin_global", null, null, "image.completed", "{\"id\":\"img_1\"}", Instant.now()));
        dispatcher.deliverDue();
        Received delivered = received.stream().filter(r -> "msg_admin_global".equals(r.header("webhook-id"))).findFirst()
                .orElseThrow();
        long timestamp = Long.parseLong(delivered.header("webhook-timestamp"));
        assertThat(delivered.header("webhook-signature"))
                .isEqualTo(WebhookSignatures.sign(secret, "msg_admin_global", timestamp, delivered.body()));
    }
}
