package io.conduit.provider.openai;

import io.conduit.contracts.providers.ProviderFamily;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one provider type of the OpenAI-compatible family differs from OpenAI: where and how to
 * authenticate, which request fields it knows, and where it reports usage. Each difference is one
 * documented quirk of that provider (see {@code docs/providers/openai.md}); the adapter reads this
 * data instead of branching on the provider id.
 *
 * @param id the provider type, one of {@link ProviderFamily#id()}
 * @param auth how the credential is sent
 * @param routes how request URLs are built
 * @param apiKeyOptional whether the provider may run without a credential (local servers)
 * @param streamUsage whether the gateway asks for usage with {@code stream_options.include_usage}
 * @param maxTokens how the output-length field is named for the provider
 * @param requiredToolChoice the provider's word for OpenAI's {@code tool_choice: "required"}
 * @param acceptedFields top-level request fields the provider accepts, empty for "any" (providers
 *     that reject unknown fields get an allow-list; everything else is dropped)
 * @param droppedFields top-level request fields the provider rejects, dropped before sending
 * @param renamedFields top-level request fields the provider knows under another name
 * @param usage where and under which names the provider reports token usage
 * @param settingHeaders optional request headers taken from provider settings (setting → header)
 * @param embeddings whether the provider serves {@code /embeddings}
 * @param responses whether the provider serves OpenAI's Responses API ({@code /responses}) itself, so
 *     Responses clients are passed through rather than translated to chat completions
 */
public record OpenAiPreset(String id, Auth auth, Routes routes, boolean apiKeyOptional, StreamUsage streamUsage,
        MaxTokens maxTokens, String requiredToolChoice, Set<String> acceptedFields, Set<String> droppedFields,
        Map<String, String> renamedFields, UsageDialect usage, Map<String, String> settingHeaders, boolean embeddings,
        boolean responses) {

    /** How the credential travels. */
    public enum Auth {
        /** {@code Authorization: Bearer <key>}, left out when the key is empty. */
        BEARER,
        /** Azure's {@code api-key: <key>} header. */
        API_KEY_HEADER
    }

    /** How request URLs are built from the base URL. */
    public enum Routes {
        /** {@code {base_url}/chat/completions}, {@code {base_url}/embeddings}. */
        BASE_URL_PLUS_PATH,
        /** Azure OpenAI: deployment URLs with {@code api-version}, or the {@code /openai/v1} API. */
        AZURE_DEPLOYMENTS
    }

    /** Whether streams are asked for their usage. */
    public enum StreamUsage {
        /** Send {@code stream_options: {"include_usage": true}}; usage comes in a last chunk with empty choices. */
        INCLUDE_USAGE_OPTION,
        /** The provider does not know {@code stream_options} (it is dropped); it reports usage on its own. */
        REPORTED_WITHOUT_OPTION
    }

    /** The name of the output-length limit. */
    public enum MaxTokens {
        /** Forwarded as the client sent it. */
        AS_SENT,
        /** The provider knows only {@code max_tokens}: {@code max_completion_tokens} is renamed. */
        MAX_TOKENS_ONLY,
        /**
         * OpenAI: reasoning models reject {@code max_tokens}, so for them it is renamed to
         * {@code max_completion_tokens}; other models get what the client sent.
         */
        COMPLETION_TOKENS_FOR_REASONING_MODELS
    }

    public OpenAiPreset {
        acceptedFields = Set.copyOf(acceptedFields);
        droppedFields = Set.copyOf(droppedFields);
        renamedFields = Map.copyOf(renamedFields);
        settingHeaders = Map.copyOf(settingHeaders);
    }

    /** The provider's public base URL from the family catalog, empty when each installation has its own. */
    public Optional<String> defaultBaseUrl() {
        return ProviderFamily.fromId(id).flatMap(ProviderFamily::defaultBaseUrl);
    }

    /** Whether the provider would reject this top-level request field. */
    boolean rejects(String field) {
        return droppedFields.contains(field) || (!acceptedFields.isEmpty() && !acceptedFields.contains(field));
    }
}
