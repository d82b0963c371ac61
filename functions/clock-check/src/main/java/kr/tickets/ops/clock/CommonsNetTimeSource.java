package kr.tickets.ops.clock;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import kr.tickets.ops.NtpServer;
import kr.tickets.ops.NtpTimeSource;
import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeInfo;

/**
 * The NTP port through Apache Commons Net's {@link NTPUDPClient}: one SNTP exchange per call,
 * offset and round trip from {@link TimeInfo#computeDetails()} (RFC 5905's on-wire formulas).
 * Commons Net's offset is what the local clock must add to agree with the server; the port
 * speaks of the server clock minus NTP time, hence the sign change.
 */
@Singleton
public class CommonsNetTimeSource implements NtpTimeSource {
    /** RFC 5905: leap indicator 3 means the server's clock is not synchronised. */
    private static final int ALARM = 3;

    private final Duration timeout;

    public CommonsNetTimeSource(@Value("${ntp.timeout.ms}") long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("NTP timeout must be positive: " + timeoutMs);
        }
        this.timeout = Duration.ofMillis(timeoutMs);
    }

    @Override
    public Sample ask(NtpServer server) throws IOException {
        try (NTPUDPClient client = new NTPUDPClient()) {
            client.setDefaultTimeout(timeout);
            client.open();
            TimeInfo info = client.getTime(InetAddress.getByName(server.host()), server.port());
            info.computeDetails();
            NtpV3Packet answer = info.getMessage();
            // A kiss-o'-death (stratum 0) or an unsynchronised server has no time worth comparing with.
            if (answer.getMode() != NtpV3Packet.MODE_SERVER || answer.getStratum() < 1 || answer.getStratum() > 15
                    || answer.getLeapIndicator() == ALARM) {
                throw new IOException("unusable NTP answer from " + server + ": mode " + answer.getMode()
                        + ", stratum " + answer.getStratum() + ", leap indicator " + answer.getLeapIndicator());
            }
            if (info.getOffset() == null || info.getDelay() == null) {
                throw new IOException("incomplete NTP answer from " + server + ": " + info.getComments());
            }
            return new Sample(-info.getOffset(), info.getDelay());
        }
    }
}
