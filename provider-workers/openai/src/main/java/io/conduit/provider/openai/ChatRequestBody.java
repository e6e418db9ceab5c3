package io.conduit.provider.openai;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.openai.OpenAiPreset.MaxTokens;
import io.conduit.provider.openai.OpenAiPreset.StreamUsage;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The provider body of a chat request: the client's body forwarded as is, except {@code model},
 * {@code stream_options.include_usage} (always on for streams of providers that know it, so every
 * streamed call is accounted for) and the preset's documented field differences.
 */
final class ChatRequestBody {

    private static final byte[] INCLUDE_USAGE_OPTIONS = ascii("{\"include_usage\":true}");
    private static final byte[] TRUE = ascii("true");
    private static final String STREAM_OPTIONS = "stream_options";
    private static final String MAX_TOKENS = "max_tokens";
    private static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    private ChatRequestBody() {}

    static byte[] of(OpenAiPreset preset, InboundCall call, ModelCapabilities capabilities) {
        JsonObjectScan body = call.body();
        ObjectEdit edit = new ObjectEdit(body).replace("model", JsonStrings.quoteUtf8(call.providerModel()));
        streamOptions(preset, call, body, edit);
        maxTokens(preset.maxTokens(), capabilities, edit);
        toolChoice(preset, body, edit);
        preset.renamedFields().forEach((from, to) -> {
            if (edit.has(from) && !edit.has(to)) {
                edit.rename(from, to);
            }
        });
        for (JsonMember member : body.members()) {
            if (preset.rejects(edit.sentName(member.name()))) {
                edit.drop(member.name());
            }
        }
        return edit.toBytes();
    }

    private static void streamOptions(OpenAiPreset preset, InboundCall call, JsonObjectScan body, ObjectEdit edit) {
        if (preset.streamUsage() == StreamUsage.REPORTED_WITHOUT_OPTION || preset.rejects(STREAM_OPTIONS)) {
            edit.drop(STREAM_OPTIONS);
            return;
        }
        if (!call.stream()) {
            return;
        }
        Optional<JsonMember> options = body.member(STREAM_OPTIONS);
        if (options.isEmpty()) {
            edit.add(STREAM_OPTIONS, INCLUDE_USAGE_OPTIONS);
        } else if (options.get().type() == JsonType.OBJECT) {
            edit.replace(STREAM_OPTIONS, withIncludeUsage(body, options.get()));
        } else {
            edit.replace(STREAM_OPTIONS, INCLUDE_USAGE_OPTIONS);
        }
    }

    private static void maxTokens(MaxTokens rule, ModelCapabilities capabilities, ObjectEdit edit) {
        switch (rule) {
            case MAX_TOKENS_ONLY -> prefer(edit, MAX_TOKENS, MAX_COMPLETION_TOKENS);
            case COMPLETION_TOKENS_FOR_REASONING_MODELS -> {
                if (capabilities.supports(ModelFeature.REASONING)) {
                    prefer(edit, MAX_COMPLETION_TOKENS, MAX_TOKENS);
                }
            }
            case AS_SENT -> { }
        }
    }

    /** Sends the limit under {@code wanted}: the other name is renamed, or dropped when both were sent. */
    private static void prefer(ObjectEdit edit, String wanted, String other) {
        if (!edit.has(other)) {
            return;
        }
        if (edit.has(wanted)) {
            edit.drop(other);
        } else {
            edit.rename(other, wanted);
        }
    }

    private static void toolChoice(OpenAiPreset preset, JsonObjectScan body, ObjectEdit edit) {
        if ("required".equals(preset.requiredToolChoice())) {
            return;
        }
        body.member("tool_choice")
                .filter(m -> m.type() == JsonType.STRING && "required".equals(body.stringValue(m)))
                .ifPresent(m -> edit.replace("tool_choice", JsonStrings.quoteUtf8(preset.requiredToolChoice())));
    }

    private static byte[] withIncludeUsage(JsonObjectScan body, JsonMember options) {
        try {
            Map<String, byte[]> include = Map.of("include_usage", TRUE);
            return body.objectValue(options).rewrite(include, include);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException("stream_options was validated before", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
