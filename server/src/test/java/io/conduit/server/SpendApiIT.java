package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The spend API's parameters: bad input is a 400 in the OpenAI error envelope naming the parameter, never a 5xx. */
class SpendApiIT {

    static Gateway gateway;
    static AdminApi admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        admin = gateway.admin;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "/api/spend?from=2026-13-01&to=2026-12-01;from",
            "/api/spend?from=2026-11-01&to=yesterday;to",
            "/api/spend?from=2026-11-05&to=2026-11-04;from",
            "/api/spend?from=2025-01-01&to=2026-01-02;to",
            "/api/spend?from=2026-11-01&to=2026-11-02&group_by=week;group_by",
            "/api/spend/export.csv?from=2026-02-30&to=2026-03-01;from",
            "/api/spend/export.csv?from=2026-11-01&to=2026-11-02&group_by=team;group_by",
            "/api/spend/records?from=2026-11-01&to=2026-11-02&limit=0;limit",
            "/api/spend/records?from=2026-11-01&to=2026-11-02&limit=many;limit",
            "/api/spend/records?from=2026-11-01&to=2026-11-02&cursor=forged;cursor",
            "/api/spend/unpriced?from=11/01/2026;from"})
    void rejects_bad_parameters(String path, String param) {
        HttpResponse<String> response = admin.send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("param").asString()).isEqualTo(param);
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void requires_the_master_key() throws Exception {
        for (String path : new String[] {"/api/spend", "/api/spend/export.csv", "/api/spend/records", "/api/spend/unpriced"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.server.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void an_empty_range_has_zero_totals_and_a_csv_of_only_its_header() {
        String range = "from=2001-01-01&to=2001-12-31";
        JsonNode report = admin.ok("GET", "/api/spend?group_by=provider&" + range, null);
        assertThat(report.path("from").asString()).isEqualTo("2001-01-01");
        assertThat(report.path("group_by").asString()).isEqualTo("provider");
        assertThat(report.path("data")).isEmpty();
        assertThat(report.path("total").path("total_micros").asLong()).isZero();
        assertThat(report.path("total").path("total_usd").asString()).isEqualTo("0.000000");

        HttpResponse<String> csv = admin.send("GET", "/api/spend/export.csv?group_by=key&" + range, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElseThrow()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("content-disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"conduit-spend-2001-01-01-2001-12-31-by-key.csv\"");
        assertThat(csv.body()).isEqualTo("key_id,key_name,requests,unpriced_requests,prompt_tokens,completion_tokens,"
                + "cached_tokens,total_micros,total_usd\r\n");

        JsonNode records = admin.ok("GET", "/api/spend/records?" + range, null);
        assertThat(records.path("data")).isEmpty();
        assertThat(records.path("next_cursor").isNull()).isTrue();
        assertThat(admin.ok("GET", "/api/spend/unpriced?" + range, null).path("total").path("requests").asLong()).isZero();
    }
}
