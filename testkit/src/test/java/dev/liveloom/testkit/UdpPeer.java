package dev.liveloom.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * A blocking UDP end for tests: sends numbered, time-stamped datagrams and records what arrives
 * (sequence number, send and arrival time), optionally echoing each datagram to its sender.
 */
final class UdpPeer implements AutoCloseable {
    record Arrival(long seq, long sentNanos, long arrivedNanos, int size) {}

    private final DatagramSocket socket;
    private final boolean echo;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    UdpPeer(boolean echo) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        this.echo = echo;
        this.thread = new Thread(this::receive, "udp-peer-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(InetSocketAddress to, long seq, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.max(16, size));
        b.putLong(seq).putLong(System.nanoTime());
        socket.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    private void receive() {
        byte[] buf = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
            arrivals.add(new Arrival(b.getLong(), b.getLong(), now, p.getLength()));
            if (echo) {
                try {
                    socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    int count() {
        return arrivals.size();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }

    /** Waits up to {@code millis} for {@code condition}; returns whether it held. */
    static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
