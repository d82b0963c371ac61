package kr.tickets.ops.clock;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import kr.tickets.localstack.NtpResponder;
import kr.tickets.ops.NtpServer;
import kr.tickets.ops.NtpTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commons Net's client against the local NTP responder over real UDP, with offsets the test sets. */
class CommonsNetTimeSourceIT {
    /** Loopback round trips take well under this; the offset is exact to within half the round trip. */
    private static final long TOLERANCE_MS = 50;

    private static NtpResponder responder;
    private final CommonsNetTimeSource source = new CommonsNetTimeSource(1500);

    @BeforeAll
    static void start() {
        responder = NtpResponder.start(0);
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    private NtpTimeSource.Sample askWithResponderAt(Duration offset) throws IOException {
        responder.setOffset(offset);
        return source.ask(new NtpServer("127.0.0.1", responder.port()));
    }

    @Test
    void aResponderTwoSecondsAheadMeasuresThisClockTwoSecondsBehind() throws IOException {
        NtpTimeSource.Sample sample = askWithResponderAt(Duration.ofSeconds(2));
        assertNear(-2000, sample.offsetMs());
        assertTrue(sample.delayMs() >= 0 && sample.delayMs() < TOLERANCE_MS, "delay " + sample.delayMs());
    }

    @Test
    void aResponderBehindMeasuresThisClockAhead() throws IOException {
        assertNear(1500, askWithResponderAt(Duration.ofMillis(-1500)).offsetMs());
    }

    @Test
    void aResponderInStepMeasuresNoOffset() throws IOException {
        assertNear(0, askWithResponderAt(Duration.ZERO).offsetMs());
    }

    @Test
    void aSilentServerTimesOutWithinTheTimeout() throws IOException {
        // A bound socket that never answers: the request is delivered and nothing comes back.
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CommonsNetTimeSource quick = new CommonsNetTimeSource(300);
            long started = System.nanoTime();
            assertThrows(IOException.class, () -> quick.ask(new NtpServer("127.0.0.1", silent.getLocalPort())));
            long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMs >= 250 && tookMs < 2000, "took " + tookMs + " ms");
        }
    }

    @Test
    void anUnknownHostIsAnIoFailureNotACrash() {
        assertThrows(IOException.class, () -> source.ask(new NtpServer("ntp.invalid", 123)));
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE_MS,
                "expected " + expected + " ± " + TOLERANCE_MS + " ms, measured " + actual + " ms");
    }

}
