package io.conduit.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin role ({@code conduit.admin.*}).
 *
 * @param masterKey the master key ({@code CONDUIT_API_TO_API_BACKEND_AUTH_KEY}) every admin call presents
 */
@ConfigurationProperties("conduit.admin")
public record AdminProperties(String masterKey) {

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
