package kr.tickets.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import kr.tickets.auth.Principal;
import kr.tickets.common.ApiException;
import kr.tickets.ratelimit.RateDecision;
import kr.tickets.ratelimit.RateLimitedRoute;
import kr.tickets.ratelimit.RateLimiter;

/**
 * The HTTP side of the application rate limit: controllers of limited routes call {@link #admit}
 * after authentication and before their use case, so a refused request changes nothing.
 */
@Singleton
@Requires(beans = RateLimiter.class)
public class RateLimitGuard {
    private final RateLimiter limiter;
    private final ClientAddresses addresses;

    public RateLimitGuard(RateLimiter limiter, ClientAddresses addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    /**
     * Counts the request of {@code who} from its client address (API Gateway's source address, or
     * the viewer's behind CloudFront: {@link ClientAddresses}); 429 RATE_LIMITED with Retry-After
     * when over a limit.
     */
    public void admit(HttpRequest<?> request, RateLimitedRoute route, Principal who) {
        if (limiter.admit(route, who.userId(), addresses.of(request)) instanceof RateDecision.Limited limited) {
            throw ApiException.rateLimited(limited.retryAfterSeconds());
        }
    }
}
