package io.kongexporter.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongexporter.core.Budget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Connections that send long lines without their newline may each grow to the line limit, but together only to the
 * shared budget: without it, 1,000 tcp-log connections each holding most of a 256 KiB line took 256 MiB of a heap
 * sized for 224.
 */
class GrowthBudgetTest {
    private static final int LIMIT = 256 << 10;

    @Test
    void connections_growing_past_the_shared_budget_are_cut_and_give_their_bytes_back_when_closed() throws IOException {
        Budget budget = new Budget(1 << 20);
        BoundedInput[] connections = new BoundedInput[8];
        int cut = 0;
        for (int i = 0; i < connections.length; i++) {
            // a line just under the limit: each connection's buffer grows to hold it and keeps it until its next read
            connections[i] = new BoundedInput(new ByteArrayInputStream(line(LIMIT - 1)), budget);
            try {
                assertThat(connections[i].line(LIMIT)).isTrue();
            } catch (BoundedInput.TooLarge e) {
                cut++;
                connections[i].close();
                connections[i] = null;
            }
        }
        assertThat(budget.used()).isLessThanOrEqualTo(1 << 20);
        assertThat(cut).isGreaterThan(0).isLessThan(connections.length);

        for (BoundedInput c : connections) {
            if (c != null) {
                c.close();
            }
        }
        assertThat(budget.used()).isZero();
        BoundedInput honest = new BoundedInput(new ByteArrayInputStream(line(LIMIT - 1)), budget);
        assertThat(honest.line(LIMIT)).isTrue();
        assertThat(honest.frameLength()).isEqualTo(LIMIT - 1);
        honest.close();
        assertThat(budget.used()).isZero();
    }

    @Test
    void a_line_over_the_limit_is_still_too_large_whatever_the_budget() {
        Budget budget = new Budget(64L << 20);
        BoundedInput input = new BoundedInput(new ByteArrayInputStream(line(LIMIT + 10)), budget);
        assertThatThrownBy(() -> input.line(LIMIT)).isInstanceOf(BoundedInput.TooLarge.class).hasMessageContaining("no newline within");
        input.close();
        assertThat(budget.used()).isZero();
    }

    /**
     * A line shorter than the initial buffer never needs the budget: once other connections (idle ones holding half a
     * line, say) have used it up, Kong's lines of a few KiB must still come through. Here a 5 KiB line followed by a
     * 12 KiB one leaves 11 KiB of the second unread when the 16 KiB buffer is full: it fits once moved to the start.
     */
    @Test
    void lines_shorter_than_the_initial_buffer_come_through_when_the_budget_is_used_up() throws IOException {
        Budget usedUp = new Budget(0);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes(line(5 << 10));
        stream.writeBytes(line(12 << 10));
        stream.writeBytes(line(5 << 10));
        try (BoundedInput input = new BoundedInput(new ByteArrayInputStream(stream.toByteArray()), usedUp)) {
            for (int expected : new int[] {5 << 10, 12 << 10, 5 << 10}) {
                assertThat(input.line(LIMIT)).isTrue();
                assertThat(input.frameLength()).isEqualTo(expected);
            }
            assertThat(input.line(LIMIT)).isFalse();
        }
    }

    private static byte[] line(int n) {
        byte[] bytes = new byte[n + 1];
        Arrays.fill(bytes, (byte) 'y');
        bytes[n] = '\n';
        return bytes;
    }
}
