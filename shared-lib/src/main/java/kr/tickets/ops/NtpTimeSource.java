package kr.tickets.ops;

import java.io.IOException;

/** Asks one NTP server for the time (the NTP client library sits behind this port). */
public interface NtpTimeSource {
    /**
     * One request/response exchange with {@code server}, within the adapter's timeout.
     *
     * @throws IOException when the server does not answer in time, cannot be reached or answers nonsense
     */
    Sample ask(NtpServer server) throws IOException;

    /**
     * One answer. {@code offsetMs} is the server clock minus NTP time (positive: this clock is
     * ahead), {@code delayMs} the round trip; the offset is exact to within half the round trip.
     */
    record Sample(long offsetMs, long delayMs) {
    }
}
