package io.conduit.provider.openai.fake;

import java.util.Set;

/**
 * How one provider of the OpenAI-compatible family frames the same chat answer: routes, credential
 * header, usage names and placement, reasoning text, request strictness and error bodies.
 *
 * @param name for messages
 * @param basePath path prefix of the API under the fake's root, e.g. {@code /v1}; Azure's is empty
 *     (the resource root) and both its URL styles are served
 * @param azureApi Azure OpenAI routes, {@code api-key} header, filter results in answers
 * @param usage how usage is named and where a stream carries it
 * @param reasoningContent whether the answer's reasoning is shown as {@code reasoning_content}
 * @param acceptedFields top-level request fields accepted, empty for any (Mistral rejects others with 422)
 * @param errors the shape of error bodies
 * @param responsesApi whether OpenAI's Responses API ({@code /responses}) is served too
 */
public record FakeFlavor(String name, String basePath, boolean azureApi, Usage usage, boolean reasoningContent,
        Set<String> acceptedFields, Errors errors, boolean responsesApi) {

    /** Usage naming and placement. */
    public enum Usage {
        /** OpenAI's details; streams report it in an extra empty-choices chunk when {@code include_usage} asks. */
        OPENAI,
        /** DeepSeek: {@code prompt_cache_hit_tokens}/{@code prompt_cache_miss_tokens}, otherwise as OpenAI. */
        DEEPSEEK,
        /** Mistral: totals only, on the stream's last chunk (with its finish reason), always. */
        MISTRAL
    }

    /** Error body shapes. */
    public enum Errors {
        OPENAI, AZURE, DEEPSEEK, MISTRAL
    }

    public FakeFlavor {
        acceptedFields = Set.copyOf(acceptedFields);
    }

    /** OpenAI (https://platform.openai.com/docs/api-reference/chat). */
    public static FakeFlavor openAi() {
        return new FakeFlavor("OpenAI", "/v1", false, Usage.OPENAI, false, Set.of(), Errors.OPENAI, true);
    }

    /** Azure OpenAI (https://learn.microsoft.com/azure/ai-foundry/openai/reference). */
    public static FakeFlavor azure() {
        return new FakeFlavor("Azure OpenAI", "", true, Usage.OPENAI, false, Set.of(), Errors.AZURE, true);
    }

    /** DeepSeek (https://api-docs.deepseek.com/api/create-chat-completion). */
    public static FakeFlavor deepSeek() {
        return new FakeFlavor("DeepSeek", "/v1", false, Usage.DEEPSEEK, true, Set.of(), Errors.DEEPSEEK, false);
    }

    /** Mistral (https://docs.mistral.ai/api/#tag/chat), with its strict request schema. */
    public static FakeFlavor mistral() {
        return new FakeFlavor("Mistral", "/v1", false, Usage.MISTRAL, false, Set.of("model", "messages", "temperature",
                "top_p", "max_tokens", "stream", "stop", "random_seed", "metadata", "response_format", "tools",
                "tool_choice", "presence_penalty", "frequency_penalty", "n", "prediction", "parallel_tool_calls",
                "prompt_mode", "safe_prompt"), Errors.MISTRAL, false);
    }
}
