package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The chat-completions bodies both dialects produce, from requests using every feature they map,
 * parse and validate as the official OpenAI SDK's {@code ChatCompletionCreateParams.Body} (whose model enum
 * knows only OpenAI's models, hence OpenAI model names here).
 */
class ChatBodyShapeTest {

    private static ChatCompletionCreateParams.Body parse(ChatRequest request) throws Exception {
        return ObjectMappers.jsonMapper().readValue(request.chatBody(), ChatCompletionCreateParams.Body.class).validate();
    }

    @Test
    void an_anthropic_request_with_every_mapped_feature_is_a_valid_chat_request() throws Exception {
        ChatRequest request = new AnthropicMessagesDialect().toChatRequest("""
                {"model":"gpt-4o","max_tokens":2048,"stream":true,"temperature":0.5,"top_p":0.9,"top_k":5,
                 "stop_sequences":["END"],"metadata":{"user_id":"u-1"},"thinking":{"type":"enabled","budget_tokens":2048},
                 "system":[{"type":"text","text":"You are terse."}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Weather?"},
                     {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},
                     {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}}]},
                   {"role":"assistant","content":[{"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"15C"},
                     {"type":"text","text":"Thanks"}]}]}""".getBytes(StandardCharsets.UTF_8));

        ChatCompletionCreateParams.Body body = parse(request);

        assertThat(body.messages()).hasSize(5);
        assertThat(body.messages().get(0).isSystem()).isTrue();
        assertThat(body.messages().get(2).asAssistant().toolCalls().orElseThrow()).hasSize(1);
        assertThat(body.messages().get(3).isTool()).isTrue();
        assertThat(body.tools().orElseThrow()).hasSize(1);
        assertThat(body.streamOptions().orElseThrow().includeUsage()).contains(true);
    }

    @Test
    void a_responses_request_with_every_mapped_feature_is_a_valid_chat_request() throws Exception {
        ChatRequest request = new OpenAiResponsesDialect().toChatRequest("""
                {"model":"gpt-4.1","instructions":"Be brief.","stream":true,"max_output_tokens":300,"temperature":0.2,
                 "top_p":0.5,"reasoning":{"effort":"low"},"parallel_tool_calls":true,"user":"u-1","store":false,
                 "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}},
                 "tools":[{"type":"function","name":"lookup","description":"Look up","parameters":{"type":"object"},"strict":false}],
                 "tool_choice":"auto",
                 "input":[
                   {"role":"user","content":[{"type":"input_text","text":"Look this up"},
                     {"type":"input_image","image_url":"data:image/png;base64,AA==","detail":"auto"}]},
                   {"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{}"},
                   {"type":"function_call_output","call_id":"call_1","output":"found"},
                   {"role":"assistant","content":[{"type":"output_text","text":"Found it."}]},
                   {"role":"developer","content":"Answer in JSON."}]}""".getBytes(StandardCharsets.UTF_8));

        ChatCompletionCreateParams.Body body = parse(request);

        assertThat(body.messages()).hasSize(6);
        assertThat(body.messages().get(2).asAssistant().toolCalls().orElseThrow()).hasSize(1);
        assertThat(body.responseFormat().orElseThrow().isJsonSchema()).isTrue();
        assertThat(body.maxCompletionTokens()).contains(300L);
    }
}
