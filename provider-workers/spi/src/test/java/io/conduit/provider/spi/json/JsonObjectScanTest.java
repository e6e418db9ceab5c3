package io.conduit.provider.spi.json;

import io.conduit.contracts.json.JsonStrings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectScanTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void finds_top_level_members_and_their_types() throws Exception {
        JsonObjectScan scan = JsonObjectScan.parse(utf8(
                "{ \"model\" : \"gpt\", \"messages\": [{\"role\":\"user\",\"content\":\"hi \\\"x\\\"\"}],"
                        + " \"stream\": true, \"n\": -1.5e3, \"stop\": null, \"nested\": {\"model\": \"inner\"} }"));

        assertThat(scan.members()).extracting(JsonMember::name)
                .containsExactly("model", "messages", "stream", "n", "stop", "nested");
        assertThat(scan.stringValue(scan.member("model").orElseThrow())).isEqualTo("gpt");
        assertThat(scan.member("messages").orElseThrow().type()).isEqualTo(JsonType.ARRAY);
        assertThat(scan.member("stream").orElseThrow().type()).isEqualTo(JsonType.TRUE);
        assertThat(scan.member("n").orElseThrow().type()).isEqualTo(JsonType.NUMBER);
        assertThat(scan.member("stop").orElseThrow().type()).isEqualTo(JsonType.NULL);
        assertThat(scan.objectValue(scan.member("nested").orElseThrow()).member("model")).isPresent();
    }

    @Test
    void unescapes_strings() throws Exception {
        JsonObjectScan scan = JsonObjectScan.parse(utf8("{\"model\":\"a\\u00e9\\n\\\"b\\\"ü\"}"));

        assertThat(scan.stringValue(scan.member("model").orElseThrow())).isEqualTo("aé\n\"b\"ü");
    }

    @Test
    void rewrites_values_in_place_and_appends_members_keeping_the_rest_byte_for_byte() throws Exception {
        String original = "{\"model\": \"alias\",\n  \"messages\":[{\"content\":\"x\"}] , \"stream\":true}";
        JsonObjectScan scan = JsonObjectScan.parse(utf8(original));
        Map<String, byte[]> additions = new LinkedHashMap<>();
        additions.put("stream_options", utf8("{\"include_usage\":true}"));
        additions.put("model", utf8("\"ignored, present\""));

        byte[] out = scan.rewrite(Map.of("model", JsonStrings.quoteUtf8("gpt-4o \"mini\"")), additions);

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
                "{\"model\": \"gpt-4o \\\"mini\\\"\",\n  \"messages\":[{\"content\":\"x\"}] , \"stream\":true"
                        + ",\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void appends_to_an_empty_object() throws Exception {
        byte[] out = JsonObjectScan.parse(utf8(" { } ")).rewrite(Map.of(), Map.of("a", utf8("1")));

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(" { \"a\":1} ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}",
        "{\"a\":\"x}", "{\"a\":\"\\q\"}", "{\"a\":[1,2}", "{\"a\":1} x", "{a:1}", "{\"a\":-}", "{\"a\":\"\\u12\"}"
    })
    void rejects_malformed_json(String json) {
        assertThatThrownBy(() -> JsonObjectScan.parse(utf8(json)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("We could not parse the JSON body of your request");
    }

    @Test
    void rejects_control_characters_in_strings_and_absurd_nesting() {
        assertThatThrownBy(() -> JsonObjectScan.parse(utf8("{\"a\":\"x\ty\"}"))).isInstanceOf(MalformedJsonException.class);
        String deep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
        assertThatThrownBy(() -> JsonObjectScan.parse(utf8(deep))).hasMessageContaining("nested too deeply");
    }
}
