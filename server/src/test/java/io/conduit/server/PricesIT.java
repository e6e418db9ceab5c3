package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogFollower;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The price catalog end to end: the admin API (PostgreSQL), its publication on
 * {@code conduit.prices.v1}, the ledger pricing with it, the unpriced report, and ingress refusing
 * unpriced models under {@code CONDUIT_LEDGER_UNPRICED_POLICY=reject}.
 */
class PricesIT {

    static Gateway gateway;
    static AdminApi admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        admin = gateway.admin;
    }

    static String tokens(String input, String output) {
        return "{\"tokens\":{\"input_per_mtok\":\"" + input + "\",\"output_per_mtok\":\"" + output + "\"}}";
    }

    static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return Json.mapper().readTree(response.body()).path("error");
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.server.adminPort() + path))
                .header("X-API-Key", TestInfrastructure.MASTER_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lists_the_seeded_reference_prices_with_the_catalog_version() {
        JsonNode list = admin.ok("GET", "/api/prices?model=gpt-4o-mini", null);

        assertThat(list.path("version").asString()).matches("\\d{4}-\\d{2}-\\d{2}\\.\\d+");
        JsonNode mini = null;
        for (JsonNode entry : list.path("data")) {
            if (entry.path("model").asString().equals("gpt-4o-mini") && entry.path("provider").asString().equals("*")) {
                mini = entry;
            }
        }
        assertThat(mini).as(list.toString()).isNotNull();
        assertThat(mini.path("provider").asString()).isEqualTo("*");
        assertThat(mini.path("tokens").path("input_per_mtok").asString()).isEqualTo("0.15");
        assertThat(mini.path("effective_from").asString()).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(mini.path("source").asString()).contains("reference");
        assertThat(admin.ok("GET", "/api/prices?provider=*", null).path("data").size()).isGreaterThan(200);
    }

    @Test
    void an_edit_adds_an_entry_effective_now_or_later_and_keeps_the_history() throws Exception {
        String model = AdminApi.unique("vendor/edited-model");
        JsonNode first = admin.ok("PUT", "/api/prices/" + model, tokens("1", "2"));
        assertThat(first.path("model").asString()).isEqualTo(model);
        assertThat(Instant.parse(first.path("effective_from").asString())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(first.path("source").asString()).isEqualTo("admin");
        Instant later = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        admin.ok("PUT", "/api/prices/" + model, "{\"effective_from\":\"" + later + "\",\"tokens\":{\"input_per_mtok\":3,\"output_per_mtok\":4},"
                + "\"media\":{\"images\":[{\"size\":\"1024x1024\",\"quality\":\"hd\",\"per_image\":\"0.08\"}]}}");

        JsonNode history = admin.ok("GET", "/api/prices/" + model, null).path("data");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).path("media").path("images").get(0).path("per_image").asString()).isEqualTo("0.08");
        assertThat(admin.ok("GET", "/api/prices?model=" + model, null).path("data").get(0).path("tokens").path("input_per_mtok").asString())
                .isEqualTo("1");
        assertThat(admin.ok("GET", "/api/prices?model=" + model + "&at=" + later, null).path("data").get(0).path("tokens")
                .path("input_per_mtok").asString()).isEqualTo("3");

        JsonNode past = error(admin.send("PUT", "/api/prices/" + model, "{\"effective_from\":\"2026-01-01T00:00:00Z\"," + tokens("1", "1").substring(1)), 400);
        assertThat(past.path("message").asString()).contains("in the past");
        assertThat(error(admin.send("PUT", "/api/prices/" + model, "{\"tokens\":{\"input_per_mtok\":-1}}"), 400).path("message").asString())
                .contains("'input_per_mtok' must not be negative");
        assertThat(error(admin.send("PUT", "/api/prices/" + model, "{\"tokens\":{\"input\":1}}"), 400).path("message").asString())
                .contains("Unknown field 'tokens.input'");
        assertThat(error(admin.send("PUT", "/api/prices/" + model, "{}"), 400).path("message").asString()).contains("at least one rate");
        assertThat(error(admin.send("PUT", "/api/prices/" + model, "not json"), 400).path("message").asString()).contains("not valid JSON");

        assertThat(admin.send("DELETE", "/api/prices/" + model, null).statusCode()).isEqualTo(204);
        assertThat(admin.ok("GET", "/api/prices?model=" + model, null).path("data").size()).isZero();
        JsonNode ended = admin.ok("GET", "/api/prices/" + model, null).path("data");
        assertThat(ended.size()).as("the scheduled entry is dropped, the past one ended").isEqualTo(1);
        assertThat(ended.get(0).path("effective_until").isString()).isTrue();
        error(admin.send("DELETE", "/api/prices/" + model, null), 404);
        error(admin.send("GET", "/api/prices/never-priced-" + UUID.randomUUID(), null), 404);
    }

    @Test
    void imports_json_and_csv_all_or_nothing_and_exports_round_trip() throws Exception {
        String a = AdminApi.unique("import-json-a");
        String b = AdminApi.unique("import-json-b");
        HttpResponse<String> json = send("POST", "/api/prices/import", "application/json",
                "[{\"model\":\"" + a + "\",\"tokens\":{\"input_per_mtok\":\"0.5\",\"output_per_mtok\":\"1.5\"}},"
                        + "{\"model\":\"" + b + "\",\"provider\":\"azure-eu\",\"media\":{\"audio_per_minute\":\"0.006\"}}]");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(json.body()).path("added").asInt()).isEqualTo(2);

        String c = AdminApi.unique("import-csv-c");
        String d = AdminApi.unique("import-csv-d");
        HttpResponse<String> csv = send("POST", "/api/prices/import", "text/csv",
                "model,provider,input_per_mtok,output_per_mtok,images,video,speech_per_1k_chars\r\n"
                        + c + ",*,1,2,,,\r\n"
                        + d + ",acme,,,\"1024x1024/hd=0.08;*/*=0.04\",1280x720=0.1,0.015\r\n");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(admin.ok("GET", "/api/prices/" + d, null).path("data").get(0).path("media").path("video").get(0)
                .path("per_second").asString()).isEqualTo("0.1");

        HttpResponse<String> exportedJson = send("GET", "/api/prices/export?format=json", null, null);
        HttpResponse<String> exportedCsv = send("GET", "/api/prices/export?format=csv", null, null);
        assertThat(exportedJson.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(exportedCsv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(exportedCsv.body()).contains(a, b, c, d, "gpt-4o-mini");
        int entries = Json.mapper().readTree(exportedJson.body()).size();
        JsonNode again = Json.mapper().readTree(send("POST", "/api/prices/import", "application/json", exportedJson.body()).body());
        assertThat(again.path("added").asInt()).as(again.toString()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(entries);
        JsonNode againCsv = Json.mapper().readTree(send("POST", "/api/prices/import", "text/csv", exportedCsv.body()).body());
        assertThat(againCsv.path("added").asInt()).as(againCsv.toString()).isZero();
        assertThat(againCsv.path("unchanged").asInt()).isEqualTo(entries);

        String good = AdminApi.unique("import-good");
        JsonNode badJson = error(send("POST", "/api/prices/import", "application/json",
                "[{\"model\":\"" + good + "\",\"tokens\":{\"input_per_mtok\":1}},{\"model\":\"x\",\"tokens\":{\"input_per_mtok\":\"abc\"}},"
                        + "{\"tokens\":{\"input_per_mtok\":1}}]"), 400);
        assertThat(badJson.path("message").asString()).contains("2 rows are invalid; nothing was imported", "row 2:",
                "'tokens.input_per_mtok' has an invalid value", "row 3: 'model' is required");
        error(send("GET", "/api/prices/" + good, null, null), 404);
        JsonNode badCsv = error(send("POST", "/api/prices/import", "text/csv",
                "model,input_per_mtok,effective_from\n" + good + ",1,\nother,1,yesterday\n"), 400);
        assertThat(badCsv.path("message").asString()).contains("line 3: 'effective_from' must be an ISO-8601 instant");
        error(send("GET", "/api/prices/" + good, null, null), 404);
        assertThat(error(send("POST", "/api/prices/import", "text/csv", "model,price\nx,1\n"), 400).path("message").asString())
                .contains("unknown CSV column(s) price");
        error(send("POST", "/api/prices/import", "text/plain", "x"), 415);
        error(send("GET", "/api/prices/export?format=xml", null, null), 400);
    }

    @Test
    void markups_and_overrides_per_alias_or_key_group_keep_their_history() throws Exception {
        String alias = AdminApi.unique("resold");
        assertThat(send("PUT", "/api/prices/markups/alias/" + alias, "application/json", "{\"basis_points\":1500}").statusCode())
                .isEqualTo(201);
        Instant next = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        admin.ok("PUT", "/api/prices/markups/alias/" + alias, "{\"basis_points\":2000,\"effective_from\":\"" + next + "\"}");
        admin.ok("PUT", "/api/prices/markups/key_group/" + alias, "{\"override\":" + tokens("0.1", "0.2") + "}");

        JsonNode history = admin.ok("GET", "/api/prices/markups/alias/" + alias, null).path("data");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).path("basis_points").asInt()).isEqualTo(1500);
        assertThat(history.get(1).path("scope").asString()).isEqualTo("alias");
        assertThat(admin.ok("GET", "/api/prices/markups", null).toString()).contains("\"override\"", alias);

        error(admin.send("PUT", "/api/prices/markups/team/" + alias, "{\"basis_points\":1}"), 400);
        assertThat(error(admin.send("PUT", "/api/prices/markups/alias/" + alias, "{\"basis_points\":1,\"override\":" + tokens("1", "1") + "}"), 400)
                .path("message").asString()).contains("either");
        error(admin.send("PUT", "/api/prices/markups/alias/" + alias, "{\"basis_points\":-20000}"), 400);
        assertThat(admin.send("DELETE", "/api/prices/markups/alias/" + alias, null).statusCode()).isEqualTo(204);
        assertThat(admin.ok("GET", "/api/prices/markups/alias/" + alias, null).path("data").size()).as("scheduled one dropped").isEqualTo(1);
        error(admin.send("DELETE", "/api/prices/markups/alias/" + alias, null), 404);
    }

    @Test
    void every_change_is_published_and_the_ledger_prices_with_it_and_reports_unpriced_models() throws Exception {
        // a provider of this test's own, so the prices set here touch no other test's usage
        String provider = admin.provider(gateway.upstream.baseUrl(), Gateway.PROVIDER_KEY);
        String priced = gateway.alias(provider, "gpt-4o-mini");
        String mystery = "mystery-" + UUID.randomUUID().toString().substring(0, 8);
        String unpricedAlias = gateway.alias(provider, mystery);
        JsonNode entry = admin.ok("PUT", "/api/prices/gpt-4o-mini", "{\"provider\":\"" + provider + "\"," + tokens("2", "4").substring(1));
        Instant effective = Instant.parse(entry.path("effective_from").asString());

        try (PriceCatalogFollower follower = new PriceCatalogFollower(TestInfrastructure.get().kafkaBootstrap(), PriceCatalog.bundled()).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    follower.get().priceFor("gpt-4o-mini", provider, effective).map(p -> p.tokens().inputPerMtok().toPlainString())
                            .filter("2"::equals).isPresent());
            assertThat(follower.get().version()).isEqualTo(admin.ok("GET", "/api/prices", null).path("version").asString());
            assertThat(follower.get().priceFor("gpt-4o-mini", "another-provider", effective).orElseThrow().tokens().inputPerMtok())
                    .isEqualByComparingTo("0.15");
        }

        List<String> requests = new ArrayList<>();
        for (String alias : List.of(priced, unpricedAlias, unpricedAlias)) {
            String requestId = "prices-" + UUID.randomUUID();
            requests.add(requestId);
            assertThat(gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false), "x-request-id", requestId)
                    .statusCode()).isEqualTo(200);
        }
        List<UsageEvent> usage = gateway.usage.await(e -> requests.contains(e.requestId()), 3);

        try (ConduitServer ledger = ConduitServer.start(TestInfrastructure.get().environment("ledger"));
                KafkaConsumer<String, SpendRecord> spend = LedgerIT.spendConsumer()) {
            List<SpendRecord> records = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                spend.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (requests.contains(r.value().requestId())) {
                        records.add(r.value());
                    }
                });
                return records.size() >= 3;
            });
            UsageEvent pricedCall = usage.stream().filter(u -> u.alias().equals(priced)).findFirst().orElseThrow();
            SpendRecord pricedSpend = records.stream().filter(r -> r.id().equals(pricedCall.id())).findFirst().orElseThrow();
            assertThat(pricedSpend.totalMicros()).isEqualTo(2 * pricedCall.promptTokens() + 4 * pricedCall.completionTokens());
            assertThat(pricedSpend.unpriced()).isFalse();
            assertThat(records).filteredOn(r -> r.providerModel().equals(mystery)).hasSize(2)
                    .allSatisfy(r -> {
                        assertThat(r.unpriced()).isTrue();
                        assertThat(r.totalMicros()).isZero();
                    });

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    admin.ok("GET", "/api/prices/unpriced", null).path("data").toString().contains(mystery));
            JsonNode report = null;
            for (JsonNode m : admin.ok("GET", "/api/prices/unpriced", null).path("data")) {
                if (m.path("model").asString().equals(mystery)) {
                    report = m;
                }
            }
            assertThat(report.path("provider").asString()).isEqualTo(provider);
            assertThat(report.path("calls").asLong()).isEqualTo(2);
            assertThat(report.path("priced_now").asBoolean()).isFalse();
            admin.ok("PUT", "/api/prices/" + mystery, tokens("1", "1"));
            assertThat(admin.ok("GET", "/api/prices/unpriced", null).path("data").toString()).contains("\"priced_now\":true");
        }
    }

    @Test
    void with_the_reject_policy_ingress_refuses_models_without_a_price_until_one_is_added() throws Exception {
        String provider = admin.provider(gateway.upstream.baseUrl(), Gateway.PROVIDER_KEY);
        String model = "unpriced-" + UUID.randomUUID().toString().substring(0, 8);
        String unpriced = admin.alias(provider, model);
        String priced = admin.alias(provider, "gpt-4o-mini");
        Map<String, String> env = TestInfrastructure.get().environment("ingress");
        env.put("CONDUIT_LEDGER_UNPRICED_POLICY", "reject");
        try (ConduitServer strict = ConduitServer.start(env)) {
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<String, HttpResponse<String>> call = alias -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.ingressPort() + "/v1/chat/completions"))
                            .header("Authorization", "Bearer " + gateway.key).header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false))).build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call.apply(priced).statusCode() == 200);

            JsonNode refused = error(call.apply(unpriced), 403);
            assertThat(refused.path("code").asString()).isEqualTo("model_not_priced");
            assertThat(refused.path("type").asString()).isEqualTo("permission_error");
            assertThat(refused.path("message").asString()).contains(unpriced);

            admin.ok("PUT", "/api/prices/" + model, tokens("1", "1"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call.apply(unpriced).statusCode() == 200);
        }
    }
}
