package io.conduit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.security.CredentialCipher;
import io.conduit.contracts.security.SecretHints;
import io.conduit.contracts.security.VirtualKeys;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContractsTest {

    @Test
    void usage_event_is_snake_case_json_readable_without_our_code() {
        UsageEvent event = new UsageEvent("id-1", "req-1", "key-1", "gpt", "openai", "gpt-4o-mini",
                "chat.completions", 10, 5, 2, 1, false, 200, Outcome.CLIENT_ABORTED, true, 42, 7L,
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:01Z"));
        byte[] bytes = Topics.USAGE.valueSerde().serializer().serialize("t", event);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json).contains("\"key_id\":\"key-1\"", "\"prompt_tokens\":10", "\"outcome\":\"client_aborted\"",
                "\"time_to_first_token_ms\":7", "\"started_at\":\"2026-11-23T10:00:00Z\"");
        assertThat(Topics.USAGE.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(event);
        assertThat(Topics.USAGE.keyFor(event)).isEqualTo("key-1");
    }

    @Test
    void config_change_is_keyed_by_entity_and_id() {
        ConfigChange change = new ConfigChange(ConfigEntity.VIRTUAL_KEY, "k1", ConfigChange.Operation.DELETE, Instant.EPOCH);
        byte[] bytes = Topics.CONFIG.valueSerde().serializer().serialize("t", change);

        assertThat(Topics.CONFIG.keyFor(change)).isEqualTo("virtual_key/k1");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"operation\":\"delete\"");
        assertThat(Topics.CONFIG.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(change);
        assertThat(Topics.CONFIG.creationConfigs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void credentials_round_trip_and_never_appear_in_the_stored_form() {
        CredentialCipher cipher = CredentialCipher.fromBase64(CredentialCipher.newBase64Key());
        String stored = cipher.encrypt("sk-secret-provider-key");

        assertThat(stored).startsWith("v1:").doesNotContain("sk-secret");
        assertThat(cipher.decrypt(stored)).isEqualTo("sk-secret-provider-key");
        assertThat(cipher.encrypt("sk-secret-provider-key")).isNotEqualTo(stored);
        CredentialCipher other = CredentialCipher.fromBase64(CredentialCipher.newBase64Key());
        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void virtual_keys_are_random_and_hashed() {
        String key = VirtualKeys.generate();

        assertThat(key).startsWith("condt_").hasSize(46);
        assertThat(VirtualKeys.looksLikeKey(key)).isTrue();
        assertThat(VirtualKeys.looksLikeKey("sk-abc")).isFalse();
        assertThat(VirtualKeys.hash(key)).hasSize(64).isEqualTo(VirtualKeys.hash(key)).doesNotContain(key);
        assertThat(VirtualKeys.generate()).isNotEqualTo(key);
    }

    @Test
    void hints_show_only_edges_of_a_secret() {
        assertThat(SecretHints.hint("sk-proj-abcdefghijklmnop")).isEqualTo("sk-p…mnop");
        assertThat(SecretHints.hint("condt_ABCDEFGHIJKLMNOPQRSTUVWXYZ")).isEqualTo("condt_AB…WXYZ");
        assertThat(SecretHints.hint("short")).isEqualTo("…rt");
    }
}
