package io.kongexporter.sockets;

import io.kongexporter.config.SocketsConfig;
import io.kongexporter.core.RunningConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * One tcp-log connection: newline-delimited JSON, one entry a line, as Kong's tcp-log sends it
 * ({@code sock:send(cjson.encode(message) .. "\n")} on a kept-alive socket, kong/plugins/tcp-log/handler.lua).
 * The limits are read for every line, so a reload applies to connections already open.
 */
final class LineConnection implements StreamServer.Connection {
    private final RunningConfig config;
    private final MessageIntake intake;

    LineConnection(RunningConfig config, MessageIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @Override
    public void serve(Socket socket, InputStream in) throws IOException {
        try (BoundedInput input = new BoundedInput(in)) {
            while (true) {
                SocketsConfig.Tcp tcp = config.get().sockets().tcp();
                socket.setSoTimeout((int) tcp.idleTimeout().toMillis());
                try {
                    if (!input.line(tcp.maxLine())) {
                        return;
                    }
                } catch (BoundedInput.TooLarge e) {
                    intake.reject(MessageResult.TOO_LARGE, "lines over ingest.tcp.max_line or past the listeners' shared buffer budget (connection closed)");
                    return;
                }
                if (!blank(input.buffer(), input.frameStart(), input.frameLength())) {
                    intake.deliver(input.buffer(), input.frameStart(), input.frameLength());
                }
            }
        }
    }

    static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r' && bytes[i] != '\n') {
                return false;
            }
        }
        return true;
    }
}
