package io.conduit.provider.openai;

import io.conduit.provider.openai.OpenAiPreset.Auth;
import io.conduit.provider.openai.OpenAiPreset.MaxTokens;
import io.conduit.provider.openai.OpenAiPreset.Routes;
import io.conduit.provider.openai.OpenAiPreset.StreamUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider types served by {@link OpenAiAdapter}, each with its documented differences from
 * OpenAI. Sources are listed per provider in {@code docs/providers/openai.md}.
 */
public final class OpenAiPresets {

    /** Request fields of Mistral's chat completion request (client-python {@code ChatCompletionRequest}); it rejects others with 422. */
    private static final Set<String> MISTRAL_FIELDS = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
            "stream", "stop", "random_seed", "metadata", "response_format", "tools", "tool_choice", "presence_penalty",
            "frequency_penalty", "n", "prediction", "parallel_tool_calls", "prompt_mode", "safe_prompt");

    private static final Map<String, OpenAiPreset> PRESETS = table(List.of(
            // OpenAI, Azure OpenAI and xAI serve the Responses API themselves (stateless use: store=false)
            preset("openai").maxTokens(MaxTokens.COMPLETION_TOKENS_FOR_REASONING_MODELS).responses(),
            preset("openai_compatible").keyOptional(),
            preset("azure_openai").auth(Auth.API_KEY_HEADER).routes(Routes.AZURE_DEPLOYMENTS).responses(),
            // Groq: logprobs, logit_bias and top_logprobs "will result in a 400 error"; stream usage also in x_groq.usage
            preset("groq").drop("logprobs", "logit_bias", "top_logprobs").usage(UsageDialect.GROQ).noEmbeddings(),
            // Mistral: strict request schema (422 extra_forbidden), seed is random_seed, "any" forces a tool call,
            // no stream_options: the last chunk carries usage
            preset("mistral").accept(MISTRAL_FIELDS).rename("seed", "random_seed").maxTokens(MaxTokens.MAX_TOKENS_ONLY)
                    .toolChoiceRequired("any").streamUsage(StreamUsage.REPORTED_WITHOUT_OPTION),
            // DeepSeek: max_tokens only; cache reads as prompt_cache_hit_tokens
            preset("deepseek").maxTokens(MaxTokens.MAX_TOKENS_ONLY).usage(UsageDialect.DEEPSEEK).noEmbeddings(),
            preset("xai").noEmbeddings().responses(),
            preset("together").maxTokens(MaxTokens.MAX_TOKENS_ONLY),
            preset("fireworks"),
            // OpenRouter: optional attribution headers; usage is always reported
            preset("openrouter").header("http_referer", "HTTP-Referer").header("x_title", "X-Title").noEmbeddings(),
            // Cerebras: these fields "will result in a 400 error"
            preset("cerebras").drop("frequency_penalty", "logit_bias", "presence_penalty", "parallel_tool_calls",
                    "service_tier").noEmbeddings(),
            preset("deepinfra").maxTokens(MaxTokens.MAX_TOKENS_ONLY),
            preset("sambanova"),
            // Perplexity: no /v1 in the base URL, no tools; citations and search_results are extra answer fields
            preset("perplexity").maxTokens(MaxTokens.MAX_TOKENS_ONLY).streamUsage(StreamUsage.REPORTED_WITHOUT_OPTION)
                    .usage(UsageDialect.PERPLEXITY).noEmbeddings(),
            preset("ollama").keyOptional().maxTokens(MaxTokens.MAX_TOKENS_ONLY),
            preset("vllm").keyOptional(),
            preset("lmstudio").keyOptional().maxTokens(MaxTokens.MAX_TOKENS_ONLY)));

    private OpenAiPresets() {}

    /** The preset of a provider type, if it belongs to the OpenAI-compatible family. */
    public static Optional<OpenAiPreset> of(String id) {
        return Optional.ofNullable(PRESETS.get(id));
    }

    /** Every preset, in catalog order. */
    public static List<OpenAiPreset> all() {
        return List.copyOf(PRESETS.values());
    }

    private static Map<String, OpenAiPreset> table(List<Builder> builders) {
        Map<String, OpenAiPreset> map = new LinkedHashMap<>();
        builders.forEach(b -> map.put(b.id, b.build()));
        return map;
    }

    private static Builder preset(String id) {
        return new Builder(id);
    }

    /** Starts from OpenAI's behaviour; each call states one difference. */
    private static final class Builder {
        private final String id;
        private Auth auth = Auth.BEARER;
        private Routes routes = Routes.BASE_URL_PLUS_PATH;
        private boolean keyOptional;
        private StreamUsage streamUsage = StreamUsage.INCLUDE_USAGE_OPTION;
        private MaxTokens maxTokens = MaxTokens.AS_SENT;
        private String requiredToolChoice = "required";
        private Set<String> accepted = Set.of();
        private Set<String> dropped = Set.of();
        private final Map<String, String> renamed = new LinkedHashMap<>();
        private UsageDialect usage = UsageDialect.OPENAI;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean embeddings = true;
        private boolean responses;

        Builder(String id) {
            this.id = id;
        }

        Builder auth(Auth value) {
            auth = value;
            return this;
        }

        Builder routes(Routes value) {
            routes = value;
            return this;
        }

        Builder keyOptional() {
            keyOptional = true;
            return this;
        }

        Builder streamUsage(StreamUsage value) {
            streamUsage = value;
            return this;
        }

        Builder maxTokens(MaxTokens value) {
            maxTokens = value;
            return this;
        }

        Builder toolChoiceRequired(String value) {
            requiredToolChoice = value;
            return this;
        }

        Builder accept(Set<String> fields) {
            accepted = fields;
            return this;
        }

        Builder drop(String... fields) {
            dropped = Set.of(fields);
            return this;
        }

        Builder rename(String from, String to) {
            renamed.put(from, to);
            return this;
        }

        Builder usage(UsageDialect value) {
            usage = value;
            return this;
        }

        Builder header(String setting, String header) {
            headers.put(setting, header);
            return this;
        }

        Builder noEmbeddings() {
            embeddings = false;
            return this;
        }

        Builder responses() {
            responses = true;
            return this;
        }

        OpenAiPreset build() {
            return new OpenAiPreset(id, auth, routes, keyOptional, streamUsage, maxTokens, requiredToolChoice, accepted,
                    dropped, renamed, usage, headers, embeddings, responses);
        }
    }
}
