package io.kongexporter.sockets;

import io.kongexporter.config.SocketsConfig;
import io.kongexporter.core.RunningConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * One syslog TCP connection, framed as RFC 6587 says, frame by frame: a frame that starts with a digit is octet
 * counted ({@code LEN SP MSG}, rsyslog's {@code TCP_Framing="octet-counted"}, {@code logger --octet-count}); any other is
 * ended by a newline (the traditional framing rsyslog and syslog-ng use by default). A count over the limit or not
 * followed by a space loses the framing: the connection is closed.
 */
final class SyslogConnection implements StreamServer.Connection {
    private static final int MAX_COUNT_DIGITS = 10;

    private final RunningConfig config;
    private final SyslogIntake intake;

    SyslogConnection(RunningConfig config, SyslogIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @Override
    public void serve(Socket socket, InputStream in) throws IOException {
        try (BoundedInput input = new BoundedInput(in)) {
            while (true) {
                SocketsConfig.Syslog syslog = config.get().sockets().syslog();
                socket.setSoTimeout((int) syslog.idleTimeout().toMillis());
                int first = input.peek();
                if (first < 0) {
                    return;
                }
                boolean framed = first >= '1' && first <= '9' ? octetCounted(input, syslog.maxMessage()) : newlineFramed(input, syslog.maxMessage());
                if (!framed) {
                    return;
                }
                intake.message(input.buffer(), input.frameStart(), input.frameLength());
            }
        }
    }

    private boolean octetCounted(BoundedInput input, int max) throws IOException {
        long count = 0;
        int digits = 0;
        int b;
        while ((b = input.read()) >= '0' && b <= '9' && digits < MAX_COUNT_DIGITS) {
            count = count * 10 + (b - '0');
            digits++;
        }
        if (b != ' ') {
            intake.reject(MessageResult.UNPARSABLE, "octet counts not followed by a space (connection closed)");
            return false;
        }
        if (count > max) {
            intake.reject(MessageResult.TOO_LARGE, "messages over ingest.syslog.max_message (connection closed)");
            return false;
        }
        if (!input.exactly((int) count)) {
            intake.reject(MessageResult.UNPARSABLE, "messages shorter than their octet count (connection ended)");
            return false;
        }
        return true;
    }

    private boolean newlineFramed(BoundedInput input, int max) throws IOException {
        try {
            return input.line(max);
        } catch (BoundedInput.TooLarge e) {
            intake.reject(MessageResult.TOO_LARGE, "messages over ingest.syslog.max_message (connection closed)");
            return false;
        }
    }
}
