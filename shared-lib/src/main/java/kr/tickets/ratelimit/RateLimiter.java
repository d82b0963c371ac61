package kr.tickets.ratelimit;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application rate limit on hold, checkout and confirm (requirements §6: 트래픽 과부하 방지):
 * per user and per client address, each a fixed {@link RateWindow} counter whose limit is a
 * policy ({@link PolicyKey#RATE_LIMIT_USER}, {@link PolicyKey#RATE_LIMIT_IP}). The user is
 * counted first; a user already over its limit is not counted against its address too, so one
 * account's script does not use up the budget of the people behind the same address.
 *
 * <pre>{@code RateDecision d = limiter.admit(RateLimitedRoute.HOLD, "u-123", "203.0.113.7");}</pre>
 */
@Singleton
@Requires(beans = {RateCounter.class, PolicyService.class})
public class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final RateCounter counter;
    private final PolicyService policies;
    private final Metrics metrics;
    private final Clock clock;

    public RateLimiter(RateCounter counter, PolicyService policies, Metrics metrics, Clock clock) {
        this.counter = counter;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Counts the request and decides; a refusal is published as {@link Metric#RATE_LIMITED} by route. */
    public RateDecision admit(RateLimitedRoute route, String userId, String clientAddress) {
        Instant now = clock.instant();
        RateWindow window = RateWindow.containing(now, RateWindow.LENGTH);
        Map<PolicyKey, JsonNode> policy = policies.current();
        RateDecision decision = check(route, RateSubject.USER, userId, policy.get(PolicyKey.RATE_LIMIT_USER).asLong(),
                window, now);
        if (decision instanceof RateDecision.Allowed) {
            decision = check(route, RateSubject.CLIENT_ADDRESS, clientAddress,
                    policy.get(PolicyKey.RATE_LIMIT_IP).asLong(), window, now);
        }
        if (decision instanceof RateDecision.Limited limited) {
            LOG.info("rate limited route={} subject={} userId={} retryAfterSeconds={}", route.metricValue(),
                    limited.subject(), userId, limited.retryAfterSeconds());
            publish(route);
        }
        return decision;
    }

    /**
     * The refusal stands whether or not its metric can be published: an unconfigured metrics
     * environment (no namespace) must not turn a 429 into a 500 under exactly the load it reports.
     */
    private void publish(RateLimitedRoute route) {
        try {
            metrics.add(Metric.RATE_LIMITED, "Route", route.metricValue(), 1);
        } catch (RuntimeException e) {
            LOG.warn("metric {} not published: {}", Metric.RATE_LIMITED.metricName(), e.getMessage());
        }
    }

    private RateDecision check(RateLimitedRoute route, RateSubject subject, String id, long limit, RateWindow window,
                               Instant now) {
        long count = counter.increment(route, subject, id, window);
        return count > limit ? new RateDecision.Limited(subject, limit, window.secondsLeft(now))
                : new RateDecision.Allowed();
    }
}
