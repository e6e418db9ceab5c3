package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ledger.spring.LedgerService;
import io.conduit.ledger.topology.SpendDimension;
import io.conduit.ledger.topology.SpendPeriod;
import io.conduit.ledger.topology.SpendTotals;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.SpendData;
import io.conduit.server.support.TestInfrastructure;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Finance's invariant end to end: usage driven through the gateway (and usage of a model nobody prices)
 * is priced by the ledger, and the same total — to the micro-dollar — is read from
 * {@code conduit.spend.v1}, from the ledger's totals store, from PostgreSQL, from {@code GET /api/spend} in every grouping, from the
 * raw records and from the CSV export.
 */
class SpendTotalsIT {

    static final int CHATS = 12;
    static final int UNPRICED = 2;

    @Test
    void the_spend_stream_postgresql_the_spend_api_and_the_csv_export_agree_to_the_micro_dollar() throws Exception {
        Gateway gateway = Gateway.get();
        AdminApi admin = gateway.admin;
        String name = AdminApi.unique("finance");
        JsonNode created = admin.ok("POST", "/api/virtual-keys", "{\"name\":\"" + name + "\"}");
        String key = created.path("key").asString();
        String keyId = created.path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> gateway.get("/v1/models", key).statusCode() == 200);
        for (int i = 0; i < CHATS; i++) {
            assertThat(gateway.post("/v1/chat/completions", key, Gateway.chat(gateway.alias, i % 2 == 0)).statusCode())
                    .isEqualTo(200);
        }
        String unpricedModel = "model-nobody-prices-" + UUID.randomUUID().toString().substring(0, 8);
        publishUsage(keyId, unpricedModel, UNPRICED);

        try (ConduitServer ledger = ConduitServer.start(TestInfrastructure.get().environment("ledger"))) {
            int expected = CHATS + UNPRICED;
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> SpendData.fromTopic(r -> keyId.equals(r.keyId())).size() >= expected);
            Map<String, SpendRecord> topic = SpendData.fromTopic(r -> keyId.equals(r.keyId()));
            assertThat(topic).hasSize(expected);
            long micros = topic.values().stream().mapToLong(SpendRecord::totalMicros).sum();
            assertThat(micros).isPositive();
            String usd = BigDecimal.valueOf(micros, 6).toPlainString();

            // the topology's totals per key (the month(s) of the records) agree too
            LedgerService service = ledger.context().getBean(LedgerService.class);
            Set<String> months = new HashSet<>();
            topic.values().forEach(r -> months.add(SpendPeriod.MONTH.of(r.occurredAt())));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> months.stream().mapToLong(month -> service.totals(SpendDimension.KEY, SpendPeriod.MONTH, month)
                            .getOrDefault(keyId, SpendTotals.ZERO).totalMicros()).sum() == micros);

            try (Connection db = DriverManager.getConnection(TestInfrastructure.get().jdbcUrl(),
                    TestInfrastructure.get().dbUser(), TestInfrastructure.get().dbPassword())) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> SpendData.stored(db, keyId)[0] == expected);
                assertThat(SpendData.stored(db, keyId)[1]).isEqualTo(micros);
                assertThat(SpendData.daily(db, keyId)).isEqualTo(SpendData.expectedDaily(topic.values()));
            }

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&key_id=" + keyId;
            JsonNode byKey = admin.ok("GET", "/api/spend?group_by=key&" + range, null);
            assertThat(byKey.path("data")).hasSize(1);
            JsonNode row = byKey.path("data").get(0);
            assertThat(row.path("key_id").asString()).isEqualTo(keyId);
            assertThat(row.path("key_name").asString()).isEqualTo(name);
            assertThat(row.path("requests").asLong()).isEqualTo(expected);
            assertThat(row.path("unpriced_requests").asLong()).isEqualTo(UNPRICED);
            assertThat(row.path("total_micros").asLong()).isEqualTo(micros);
            assertThat(row.path("total_usd").asString()).isEqualTo(usd);
            assertThat(byKey.path("total").path("total_usd").asString()).isEqualTo(usd);
            for (String grouping : List.of("key_group", "model", "provider", "day", "month")) {
                JsonNode report = admin.ok("GET", "/api/spend?group_by=" + grouping + "&" + range, null);
                long rows = 0;
                for (JsonNode r : report.path("data")) {
                    rows += r.path("total_micros").asLong();
                }
                assertThat(rows).as(grouping).isEqualTo(micros);
                assertThat(report.path("total").path("total_micros").asLong()).as(grouping).isEqualTo(micros);
                assertThat(report.path("total").path("requests").asLong()).as(grouping).isEqualTo(expected);
            }

            HttpResponse<String> csv = admin.send("GET", "/api/spend/export.csv?group_by=model&" + range, null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
            String[] lines = csv.body().split("\r\n");
            assertThat(lines[0]).isEqualTo("model,requests,unpriced_requests,prompt_tokens,completion_tokens,"
                    + "cached_tokens,total_micros,total_usd");
            long csvMicros = 0;
            BigDecimal csvUsd = BigDecimal.ZERO;
            for (int i = 1; i < lines.length; i++) {
                String[] fields = lines[i].split(",");
                csvMicros += Long.parseLong(fields[6]);
                csvUsd = csvUsd.add(new BigDecimal(fields[7]));
            }
            assertThat(lines).hasSize(3);
            assertThat(csvMicros).isEqualTo(micros);
            assertThat(csvUsd.toPlainString()).isEqualTo(usd);

            Set<String> ids = new HashSet<>();
            long recordMicros = 0;
            String cursor = null;
            do {
                JsonNode page = admin.ok("GET", "/api/spend/records?limit=5&" + range + (cursor == null ? "" : "&cursor=" + cursor), null);
                assertThat(page.path("data").size()).isLessThanOrEqualTo(5);
                for (JsonNode record : page.path("data")) {
                    assertThat(ids.add(record.path("id").asString())).isTrue();
                    recordMicros += record.path("total_micros").asLong();
                }
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            } while (cursor != null);
            assertThat(ids).isEqualTo(topic.keySet());
            assertThat(recordMicros).isEqualTo(micros);

            JsonNode unpriced = admin.ok("GET", "/api/spend/unpriced?from=" + today.minusDays(1) + "&to=" + today.plusDays(1), null);
            List<JsonNode> ours = new ArrayList<>();
            unpriced.path("data").forEach(r -> {
                if (unpricedModel.equals(r.path("model").asString())) {
                    ours.add(r);
                }
            });
            assertThat(ours).hasSize(1);
            assertThat(ours.getFirst().path("requests").asLong()).isEqualTo(UNPRICED);
            assertThat(ours.getFirst().path("keys").asLong()).isEqualTo(1);
        }
    }

    /** Usage events as ingress writes them, for a model without a price. */
    static void publishUsage(String keyId, String model, int count) throws Exception {
        try (KafkaProducer<String, UsageEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                Instant now = Instant.now();
                UsageEvent event = new UsageEvent(UUID.randomUUID().toString(), "req-unpriced-" + i, keyId, model, "openai",
                        model, "chat.completions", 1_000, 200, 0, 0, false, 200, Outcome.OK, false, 30, 10L, now, now);
                producer.send(new ProducerRecord<>(Topics.USAGE.name(), Topics.USAGE.keyFor(event), event)).get();
            }
        }
    }
}
