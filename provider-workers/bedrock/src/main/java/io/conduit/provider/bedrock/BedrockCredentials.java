package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;

/**
 * What a Bedrock provider's {@code api_key} holds: an AWS access key pair, optionally with a
 * session token ({@code ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]}), used to sign requests
 * with Signature Version 4; or, when it has no {@code ':'}, a Bedrock API key sent as a bearer
 * token. None of the secrets appear in {@link #toString()}.
 */
sealed interface BedrockCredentials {

    /** An AWS access key pair, with a session token for temporary credentials (null otherwise). */
    record AccessKey(String accessKeyId, String secretAccessKey, String sessionToken) implements BedrockCredentials {
        @Override
        public String toString() {
            return "AccessKey[" + (sessionToken == null ? "long-term" : "temporary") + "]";
        }
    }

    /** A Bedrock API key (short- or long-term), sent as {@code Authorization: Bearer}. */
    record ApiKey(String token) implements BedrockCredentials {
        @Override
        public String toString() {
            return "ApiKey[redacted]";
        }
    }

    /**
     * Reads the configured secret. Access key ids, secret keys, session tokens and Bedrock API keys
     * never contain {@code ':'} (they are alphanumeric or base64), so it separates the parts.
     */
    static BedrockCredentials parse(String apiKey) {
        String key = apiKey == null ? "" : apiKey.strip();
        if (key.isEmpty()) {
            throw misconfigured("The Bedrock provider has no credential: set its api_key.");
        }
        if (key.indexOf(':') < 0) {
            return new ApiKey(key);
        }
        String[] parts = key.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()
                || (parts.length == 3 && parts[2].isBlank())) {
            throw misconfigured("The Bedrock provider's api_key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY"
                    + " or ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN, or a Bedrock API key.");
        }
        return new AccessKey(parts[0].strip(), parts[1].strip(), parts.length == 3 ? parts[2].strip() : null);
    }

    private static ProviderException misconfigured(String message) {
        return ProviderException.of(ProviderException.Kind.AUTHENTICATION, 0,
                new ProviderError(message, "authentication_error", null, "invalid_provider_credential"), null);
    }
}
