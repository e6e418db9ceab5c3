package io.conduit.provider.minimax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThinkStripperTest {

    private static final String ANSWER = "<think>\nThe user greets me.\n</think>\n\nHello! How can I help?";

    private static String strip(List<String> pieces, ThinkStripper stripper) {
        StringBuilder visible = new StringBuilder();
        pieces.forEach(piece -> visible.append(stripper.feed(piece)));
        return visible.append(stripper.finish()).toString();
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 100})
    void takes_off_the_leading_block_however_the_content_is_cut(int size) {
        ThinkStripper stripper = new ThinkStripper();
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < ANSWER.length(); i += size) {
            pieces.add(ANSWER.substring(i, Math.min(ANSWER.length(), i + size)));
        }

        assertThat(strip(pieces, stripper)).isEqualTo("Hello! How can I help?");
        assertThat(stripper.reasoning()).isEqualTo("\nThe user greets me.\n");
    }

    @Test
    void leaves_an_answer_without_thinking_alone() {
        assertThat(strip(List.of("  Hi", " there"), new ThinkStripper())).isEqualTo("  Hi there");
        assertThat(strip(List.of("<", "b>bold</b>"), new ThinkStripper())).isEqualTo("<b>bold</b>");
        assertThat(strip(List.of("<thi"), new ThinkStripper())).isEqualTo("<thi");
        assertThat(strip(List.of(), new ThinkStripper())).isEmpty();
    }

    @Test
    void keeps_a_think_tag_that_comes_after_visible_text() {
        assertThat(strip(List.of("Use <think> tags like <think>x</think>."), new ThinkStripper()))
                .isEqualTo("Use <think> tags like <think>x</think>.");
    }

    @Test
    void an_unclosed_block_is_all_reasoning() {
        ThinkStripper stripper = new ThinkStripper();

        assertThat(strip(List.of("<think>still thinking when the tokens ran o"), stripper)).isEmpty();
        assertThat(stripper.reasoning()).isEqualTo("still thinking when the tokens ran o");
    }

    @Test
    void keeps_a_close_tag_look_alike_inside_the_reasoning() {
        ThinkStripper stripper = new ThinkStripper();

        assertThat(strip(List.of("<think>a </thin", "g> b</think>\n", "\nc"), stripper)).isEqualTo("c");
        assertThat(stripper.reasoning()).isEqualTo("a </thing> b");
    }
}
