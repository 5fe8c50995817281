package io.kongexporter.sockets;

import io.kongexporter.core.Threads;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP listener: one thread receives datagrams into a buffer longer than any datagram, so none is truncated
 * unseen; one longer than the size limit in force when it arrives is reported {@code cut}. Each datagram is one
 * message.
 */
final class DatagramServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramServer.class);
    /** Asked of the kernel (it may give less: net.core.rmem_max): bursts of Kong's log timers queue here. */
    private static final int RECEIVE_BUFFER = 4 << 20;
    /** The largest UDP payload there is (IPv6: 65,535 less the 8-byte header). */
    static final int MAX_DATAGRAM = 65_527;

    /** One datagram's bytes; {@code cut} when it is longer than the size limit (it is dropped, not read in part). */
    interface Receiver {
        void receive(byte[] bytes, int length, boolean cut);
    }

    private final DatagramSocket socket;
    private final IntSupplier maxMessage;
    private final Receiver receiver;
    private final Thread thread;
    private volatile boolean closed;

    DatagramServer(String name, InetSocketAddress address, IntSupplier maxMessage, Receiver receiver) throws SocketException {
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.bind(address);
        this.maxMessage = maxMessage;
        this.receiver = receiver;
        this.thread = Threads.daemon(name + "-receive").newThread(this::receiveLoop);
    }

    void start() {
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            packet.setData(buffer);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("receiving on {} failed: {}", socket.getLocalSocketAddress(), e.toString());
                }
                continue;
            }
            try {
                receiver.receive(buffer, packet.getLength(), packet.getLength() > maxMessage.getAsInt());
            } catch (RuntimeException e) {
                LOG.warn("a datagram from {} could not be handled: {}", packet.getSocketAddress(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
