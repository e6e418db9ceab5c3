package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void validates_with_the_rules_in_contracts() {
        assertThat(WebhookUrls.validate("https://example.com/hook")).isNull();
        assertThat(WebhookUrls.validate("gopher://127.0.0.1:6379/")).contains("http or https");
    }

    @Test
    void redacts_the_query_string_for_logs() {
        assertThat(WebhookUrls.redact("https://hooks.example.com:8443/in?token=s3cr3t")).isEqualTo("https://hooks.example.com:8443/in?…");
        assertThat(WebhookUrls.redact("http://example.com/a")).isEqualTo("http://example.com/a");
        assertThat(WebhookUrls.redact("not a url")).isEqualTo("<invalid url>");
    }
}
