package io.kongexporter.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A "Kong node" on a raw socket that misbehaves in one chosen way, for fault-injection tests. */
public final class MisbehavingKongNode implements AutoCloseable {
    public enum Fault {
        /** Sends headers and part of the body, then resets the connection. */
        RESET_MID_BODY,
        /** Answers 200 with a 50 MB body. */
        HUGE_BODY,
        /** Redirects every request to itself. */
        REDIRECT_LOOP,
        /** Answers bytes that are not HTTP at all. */
        NOT_HTTP
    }

    private final ServerSocket server;
    private final Fault fault;
    private final Thread acceptor;

    public MisbehavingKongNode(Fault fault) throws IOException {
        this.fault = fault;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "misbehaving-kong-" + fault);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> answer(socket), "misbehaving-kong-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            readHeaders(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            switch (fault) {
                case RESET_MID_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{\"server\":{\"connections_active\":"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.setSoLinger(true, 0);
                }
                case HUGE_BODY -> {
                    long size = 50L << 20;
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 << 10];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
                case REDIRECT_LOOP -> out.write("HTTP/1.1 302 Found\r\nLocation: /status?unit=b\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                case NOT_HTTP -> out.write("SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001\u0002garbage".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException gone) {
            // the exporter gave up on us: that is the point
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
            if (state == 4) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
