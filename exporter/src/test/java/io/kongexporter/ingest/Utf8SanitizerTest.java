package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8SanitizerTest {

    @Test
    void leaves_well_formed_utf8_alone() {
        byte[] text = "ascii, café, € and 🦍".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8Sanitizer.replaceInvalid(text, 0, text.length)).isNull();
    }

    @Test
    void replaces_each_bad_byte_with_one_question_mark_so_offsets_stay() {
        byte[] text = {'a', (byte) 0xFF, 'b', (byte) 0xC3, '(', (byte) 0x80, 'c', (byte) 0xE2, (byte) 0x82};

        assertThat(Utf8Sanitizer.replaceInvalid(text, 0, text.length))
                .isEqualTo("a?b?(?c??".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void rejects_overlongs_surrogates_and_code_points_above_u10ffff() {
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] tooHigh = {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};

        assertThat(Utf8Sanitizer.replaceInvalid(overlong, 0, 2)).containsExactly('?', '?');
        assertThat(Utf8Sanitizer.replaceInvalid(surrogate, 0, 3)).containsExactly('?', '?', '?');
        assertThat(Utf8Sanitizer.replaceInvalid(tooHigh, 0, 4)).containsExactly('?', '?', '?', '?');
    }

    @Test
    void copies_only_the_requested_slice() {
        byte[] buffer = {'x', 'a', (byte) 0xFF, 'x'};

        assertThat(Utf8Sanitizer.replaceInvalid(buffer, 1, 2)).containsExactly('a', '?');
    }

    @Test
    void a_sequence_cut_by_the_end_of_the_slice_is_invalid() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8Sanitizer.replaceInvalid(euro, 0, 2)).containsExactly('?', '?');
    }
}
