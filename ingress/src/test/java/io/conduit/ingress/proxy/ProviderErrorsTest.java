package io.conduit.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {

    final ProviderEndpoint provider = new ProviderEndpoint("p", "main", "openai",
            URI.create("https://api.example.com/v1"), "sk-proj-abcdef0123456789");

    @Test
    void cleans_credentials_and_urls_out_of_provider_messages() {
        String message = "Incorrect API key provided: sk-proj-abcdef0123456789 (sk-proj-****6789). See "
                + "https://api.example.com/v1/docs or https://platform.openai.com/account/api-keys.";

        String cleaned = ProviderErrors.clean(message, provider);

        assertThat(cleaned).doesNotContain("sk-proj", "6789", "example.com", "https://").startsWith("Incorrect API key provided:");
    }

    @Test
    void a_provider_4xx_keeps_its_status_and_fields_and_5xx_becomes_502() {
        GatewayException rateLimited = ProviderErrors.fromProvider(ProviderException.of(Kind.RATE_LIMITED, 429,
                new ProviderError("Slow down", "requests", null, "rate_limit_exceeded"), Duration.ofMillis(1500)), provider);
        GatewayException serverError = ProviderErrors.fromProvider(ProviderException.of(Kind.SERVER_ERROR, 500,
                new ProviderError("oops", "server_error", null, null), null), provider);
        GatewayException timeout = ProviderErrors.fromProvider(ProviderException.of(Kind.TIMEOUT, 504,
                new ProviderError("late", null, null, null), null), provider);

        assertThat(rateLimited.status()).isEqualTo(429);
        assertThat(rateLimited.code()).isEqualTo("rate_limit_exceeded");
        assertThat(rateLimited.headers()).containsEntry("retry-after", "2");
        assertThat(serverError.status()).isEqualTo(502);
        assertThat(serverError.getMessage()).contains("'main'").contains("oops");
        assertThat(timeout.status()).isEqualTo(504);
    }
}
