package io.conduit.contracts.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks/conduit", "http://127.0.0.1:8080/x?y=1&z=%20",
            "https://[2001:db8::1]:8443/", "HTTPS://Example.COM", "https://hooks.example.com:443/a/b?token=abc"})
    void accepts_absolute_http_and_https_urls(String url) {
        assertThat(WebhookUrls.validate(url)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/x              | must be an http or https URL",
            "file:///etc/passwd               | must be an http or https URL",
            "javascript:alert(1)              | must be an http or https URL",
            "gopher://127.0.0.1:6379/_INFO    | must be an http or https URL",
            "example.com/hook                 | must be an http or https URL",
            "//example.com/hook               | must be an http or https URL",
            "https://                         | not a valid URL",
            "https:///path                    | absolute URL with a valid host name",
            "https://under_score.example/     | absolute URL with a valid host name",
            "https://user:pw@example.com/     | must not contain credentials",
            "https://example.com/#fragment    | must not contain a fragment",
            "http://example.com:0/            | must not use port 0",
            "https://exa mple.com/            | not a valid URL"})
    void refuses_other_urls_with_a_reason(String url, String reason) {
        assertThat(WebhookUrls.validate(url.strip())).contains(reason).startsWith("'webhook_url'");
    }

    @Test
    void refuses_empty_padded_and_overlong_urls() {
        assertThat(WebhookUrls.validate(null)).contains("must not be empty");
        assertThat(WebhookUrls.validate("  ")).contains("must not be empty");
        assertThat(WebhookUrls.validate(" https://example.com/")).contains("whitespace");
        assertThat(WebhookUrls.validate("https://example.com/" + "a".repeat(2100))).contains("at most 2048");
    }
}
