package kr.tickets.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the server clock against NTP (requirements §7: the server's clock is the time of
 * record, kept in step with Google's NTP servers). Asks the servers in order and stops at the
 * first answer; publishes {@link Metric#CLOCK_OFFSET} (server − NTP, signed ms) or, when none
 * answers, {@link Metric#CLOCK_CHECK_FAILED}; keeps the result for {@code /health}. An
 * unreachable NTP service is reported, never thrown: these checks must not page anyone by failing.
 *
 * <p>Example: with NTP_SERVERS {@code time.google.com,time1.google.com} and the first one silent,
 * {@code run()} answers {@code Measured(offsetMs=-3, server="time1.google.com", delayMs=41, at=…)}.
 */
@Singleton
@Requires(property = "ntp.servers")
public class ClockCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ClockCheck.class);

    private final NtpTimeSource ntp;
    private final ClockCheckStore store;
    private final Metrics metrics;
    private final Clock clock;
    private final List<NtpServer> servers;
    private final long toleranceMs;

    @Inject
    public ClockCheck(NtpTimeSource ntp, ClockCheckStore store, Metrics metrics, Clock clock,
                      @Value("${ntp.servers}") String servers,
                      @Value("${clock.skew.tolerance.ms}") long toleranceMs) {
        this(ntp, store, metrics, clock, NtpServer.parseList(servers), toleranceMs);
    }

    public ClockCheck(NtpTimeSource ntp, ClockCheckStore store, Metrics metrics, Clock clock,
                      List<NtpServer> servers, long toleranceMs) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no NTP server to ask");
        }
        if (toleranceMs < 0) {
            throw new IllegalArgumentException("negative clock skew tolerance: " + toleranceMs);
        }
        this.ntp = ntp;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.servers = List.copyOf(servers);
        this.toleranceMs = toleranceMs;
    }

    /** One check: measure, publish, keep. */
    public ClockCheckResult run() {
        ClockCheckResult result = measure();
        if (result instanceof ClockCheckResult.Measured m) {
            metrics.add(Metric.CLOCK_OFFSET, m.offsetMs());
            if (Math.abs(m.offsetMs()) > toleranceMs) {
                LOG.warn("server clock off NTP time by {} ms (tolerance {} ms) server={} delayMs={}",
                        m.offsetMs(), toleranceMs, m.server(), m.delayMs());
            } else {
                LOG.info("server clock within tolerance offsetMs={} server={} delayMs={}",
                        m.offsetMs(), m.server(), m.delayMs());
            }
        } else if (result instanceof ClockCheckResult.Unreachable u) {
            metrics.count(Metric.CLOCK_CHECK_FAILED);
            LOG.warn("no NTP server answered; clock offset unknown tried={}", u.tried());
        }
        store.save(result);
        return result;
    }

    private ClockCheckResult measure() {
        List<String> tried = new ArrayList<>();
        for (NtpServer server : servers) {
            tried.add(server.toString());
            try {
                NtpTimeSource.Sample sample = ntp.ask(server);
                return new ClockCheckResult.Measured(sample.offsetMs(), server.toString(), sample.delayMs(),
                        clock.instant());
            } catch (IOException e) {
                LOG.info("NTP server did not answer server={} reason={}", server, e.toString());
            }
        }
        return new ClockCheckResult.Unreachable(clock.instant(), tried);
    }
}
