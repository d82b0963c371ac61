package kr.tickets.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.policy.InMemoryPolicyRepository;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final String MINJI = "u-minji";
    private static final String JIHO = "u-jiho";
    private static final String OFFICE = "203.0.113.7";
    private static final String HOME = "198.51.100.20";

    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:13Z");
    private final InMemoryPolicyRepository policyTable = new InMemoryPolicyRepository();
    private final InMemoryRateCounter counter = new InMemoryRateCounter();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RateLimiter limiter = new RateLimiter(counter, new PolicyService(policyTable, clock), metrics, clock);

    @BeforeEach
    void smallLimits() {
        limit(PolicyKey.RATE_LIMIT_USER, 3);
        limit(PolicyKey.RATE_LIMIT_IP, 5);
    }

    private void limit(PolicyKey key, int value) {
        policyTable.save(key, JsonNodeFactory.instance.numberNode(value), "u-admin", clock.instant());
    }

    private RateDecision hold(String user, String address) {
        return limiter.admit(RateLimitedRoute.HOLD, user, address);
    }

    @Test
    void aUserMaySendTheLimitInAWindowAndTheNextIsRefusedUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(RateDecision.Allowed.class, hold(MINJI, OFFICE));
        }
        RateDecision.Limited limited = assertInstanceOf(RateDecision.Limited.class, hold(MINJI, OFFICE));
        assertEquals(RateSubject.USER, limited.subject());
        assertEquals(3, limited.limit());
        assertEquals(7, limited.retryAfterSeconds()); // 09:00:13 → the window ends at 09:00:20
    }

    @Test
    void theNextWindowStartsFromZero() {
        for (int i = 0; i < 4; i++) {
            hold(MINJI, OFFICE);
        }
        clock.advance(Duration.ofSeconds(7));
        assertInstanceOf(RateDecision.Allowed.class, hold(MINJI, OFFICE));
    }

    @Test
    void anotherUserFromAnotherAddressIsNotAffected() {
        for (int i = 0; i < 4; i++) {
            hold(MINJI, OFFICE);
        }
        assertInstanceOf(RateDecision.Allowed.class, hold(JIHO, HOME));
    }

    @Test
    void eachRouteHasItsOwnCounter() {
        for (int i = 0; i < 4; i++) {
            hold(MINJI, OFFICE);
        }
        assertInstanceOf(RateDecision.Allowed.class, limiter.admit(RateLimitedRoute.CHECKOUT, MINJI, OFFICE));
        assertInstanceOf(RateDecision.Allowed.class, limiter.admit(RateLimitedRoute.CONFIRM, MINJI, OFFICE));
    }

    @Test
    void manyUsersBehindOneAddressShareItsLimit() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(RateDecision.Allowed.class, hold("u-" + i, OFFICE));
        }
        RateDecision.Limited limited = assertInstanceOf(RateDecision.Limited.class, hold(JIHO, OFFICE));
        assertEquals(RateSubject.CLIENT_ADDRESS, limited.subject());
        assertEquals(5, limited.limit());
        assertInstanceOf(RateDecision.Allowed.class, hold(JIHO, HOME));
    }

    @Test
    void aUserOverItsOwnLimitDoesNotUseUpItsAddressForOthers() {
        for (int i = 0; i < 10; i++) {
            hold(MINJI, OFFICE);
        }
        RateWindow window = RateWindow.containing(clock.instant(), RateWindow.LENGTH);
        assertEquals(3, counter.count(RateLimitedRoute.HOLD, RateSubject.CLIENT_ADDRESS, OFFICE, window));
        assertInstanceOf(RateDecision.Allowed.class, hold(JIHO, OFFICE));
    }

    @Test
    void theLimitsArePoliciesReadAtEachRequest() {
        for (int i = 0; i < 3; i++) {
            hold(MINJI, OFFICE);
        }
        limit(PolicyKey.RATE_LIMIT_USER, 4);
        assertInstanceOf(RateDecision.Allowed.class, hold(MINJI, OFFICE));
    }

    @Test
    void theDefaultsLetAPersonThroughButStopAScript() {
        InMemoryPolicyRepository defaults = new InMemoryPolicyRepository();
        RateLimiter byDefault = new RateLimiter(new InMemoryRateCounter(), new PolicyService(defaults, clock), metrics,
                clock);
        // A person trying a seat every second for the whole window.
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(RateDecision.Allowed.class, byDefault.admit(RateLimitedRoute.HOLD, MINJI, OFFICE));
        }
        // A script at 10 requests per second is stopped within the window.
        int allowed = 10;
        while (byDefault.admit(RateLimitedRoute.HOLD, MINJI, OFFICE) instanceof RateDecision.Allowed) {
            allowed++;
        }
        assertEquals(PolicyKey.RATE_LIMIT_USER.defaultValue().asInt(), allowed);
    }

    @Test
    void eachRefusalIsPublishedWithItsRoute() {
        for (int i = 0; i < 4; i++) {
            hold(MINJI, OFFICE);
            limiter.admit(RateLimitedRoute.CONFIRM, MINJI, OFFICE);
        }
        assertEquals(List.of(new RecordingMetrics.Point(Metric.RATE_LIMITED, "Route", "Hold", 1),
                new RecordingMetrics.Point(Metric.RATE_LIMITED, "Route", "Confirm", 1)), metrics.points());
    }

    @Test
    void aMetricThatCannotBePublishedDoesNotTurnTheRefusalIntoAnError() {
        kr.tickets.ops.Metrics broken = new kr.tickets.ops.Metrics() {
            @Override
            public void add(Metric metric, double value) {
                throw new IllegalArgumentException("Namespace must be specified before flushing metrics");
            }

            @Override
            public void add(Metric metric, String dimension, String dimensionValue, double value) {
                add(metric, value);
            }
        };
        RateLimiter withoutMetrics = new RateLimiter(counter, new PolicyService(policyTable, clock), broken, clock);
        for (int i = 0; i < 3; i++) {
            withoutMetrics.admit(RateLimitedRoute.HOLD, MINJI, OFFICE);
        }
        assertInstanceOf(RateDecision.Limited.class, withoutMetrics.admit(RateLimitedRoute.HOLD, MINJI, OFFICE));
    }
}
