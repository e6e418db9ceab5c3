package io.conduit.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin role ({@code conduit.admin.*}).
 *
 * @param masterKey the master key ({@code CONDUIT_API_TO_API_BACKEND_AUTH_KEY}) every admin call presents
 * @param configFile the declarative configuration file applied at start ({@code CONDUIT_CONFIG_FILE}), or null
 * @param openaiApiKey registers provider {@code openai} at start ({@code OPENAI_API_KEY}), or null
 * @param openaiBaseUrl its base URL ({@code OPENAI_BASE_URL}), or null for OpenAI's
 */
@ConfigurationProperties("conduit.admin")
public record AdminProperties(String masterKey, String configFile, String openaiApiKey, String openaiBaseUrl) {

    public AdminProperties {
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalArgumentException("conduit.admin.master-key must be set");
        }
    }

    @Override
    public String toString() {
        return "AdminProperties[masterKey=…]";
    }
}
