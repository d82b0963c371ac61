package kr.tickets.localstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

/**
 * An NTP server on {@code 127.0.0.1:<port>} (UDP) for local runs and tests, which cannot reach
 * Google's NTP servers: it answers NTP v3/v4 client requests (mode 3) as a stratum-1 server whose
 * time is this machine's clock plus a settable {@linkplain #setOffset offset}, so a test can prove
 * the measured offset (responder +2 s → the server clock is measured 2000 ms behind). Anything
 * that is not a client request is ignored, as real servers do.
 */
public final class NtpResponder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NtpResponder.class.getName());
    /** "LOCL", the reference id of an undisciplined local clock (RFC 5905, figure 12). */
    private static final int LOCAL_CLOCK_REFERENCE = 0x4C4F434C;

    private final DatagramSocket socket;
    private final Clock clock;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread worker;

    private NtpResponder(DatagramSocket socket, Clock clock) {
        this.socket = socket;
        this.clock = clock;
        this.worker = new Thread(this::serve, "ntp-responder-" + socket.getLocalPort());
        worker.setDaemon(true);
        worker.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) with the system clock. */
    public static NtpResponder start(int port) {
        return start(port, Clock.systemUTC());
    }

    public static NtpResponder start(int port, Clock clock) {
        try {
            return new NtpResponder(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
                    clock);
        } catch (SocketException e) {
            throw new IllegalStateException("cannot start the NTP responder on UDP port " + port, e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The server as NTP_SERVERS names it: {@code 127.0.0.1:<port>}. */
    public String server() {
        return socket.getLocalAddress().getHostAddress() + ":" + port();
    }

    /** How far ahead of this machine's clock (negative: behind) the answers are. */
    public void setOffset(Duration offset) {
        offsetMillis.set(offset.toMillis());
    }

    /** How many client requests were answered. */
    public int answered() {
        return answered.get();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
                answer(request);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "NTP responder could not answer", e);
                }
            }
        }
    }

    private void answer(DatagramPacket received) throws IOException {
        NtpV3Packet request = new NtpV3Impl();
        request.setDatagramPacket(received);
        if (received.getLength() < 48 || request.getMode() != NtpV3Packet.MODE_CLIENT
                || request.getVersion() < NtpV3Packet.VERSION_3 || request.getVersion() > NtpV3Packet.VERSION_4) {
            return;
        }
        TimeStamp receivedAt = now();
        NtpV3Packet reply = new NtpV3Impl();
        reply.setLeapIndicator(0);
        reply.setVersion(request.getVersion());
        reply.setMode(NtpV3Packet.MODE_SERVER);
        reply.setStratum(1);
        reply.setPoll(request.getPoll());
        reply.setPrecision(-20);
        reply.setReferenceId(LOCAL_CLOCK_REFERENCE);
        reply.setReferenceTime(receivedAt);
        // The client matches the answer to its request by this echo of its own transmit time.
        reply.setOriginateTimeStamp(request.getTransmitTimeStamp());
        reply.setReceiveTimeStamp(receivedAt);
        reply.setTransmitTime(now());
        DatagramPacket out = reply.getDatagramPacket();
        out.setSocketAddress(received.getSocketAddress());
        socket.send(out);
        answered.incrementAndGet();
    }

    private TimeStamp now() {
        return TimeStamp.getNtpTime(clock.millis() + offsetMillis.get());
    }

    @Override
    public void close() {
        socket.close();
        try {
            worker.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
