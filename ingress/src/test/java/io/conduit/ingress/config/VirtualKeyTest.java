package io.conduit.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualKeyTest {

    static VirtualKey key(List<String> allowed, Instant expires) {
        return new VirtualKey("k", "n", new byte[32], true, expires, allowed, null);
    }

    @Test
    void allows_exact_names_and_prefixes_and_everything_when_empty() {
        VirtualKey narrow = key(List.of("gpt-4o", "team-*"), null);

        assertThat(narrow.mayUse("gpt-4o")).isTrue();
        assertThat(narrow.mayUse("team-a")).isTrue();
        assertThat(narrow.mayUse("team-")).isTrue();
        assertThat(narrow.mayUse("gpt-4o-mini")).isFalse();
        assertThat(narrow.mayUse("tea")).isFalse();
        assertThat(key(List.of(), null).mayUse("anything")).isTrue();
        assertThat(key(List.of("*"), null).mayUse("anything")).isTrue();
    }

    @Test
    void expires_at_its_instant() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(key(List.of(), at).expiredAt(at.minusMillis(1))).isFalse();
        assertThat(key(List.of(), at).expiredAt(at)).isTrue();
        assertThat(key(List.of(), null).expiredAt(Instant.MAX)).isFalse();
        assertThat(key(List.of(), null).toString()).doesNotContain("hash");
    }
}
