package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.booking.SeatHoldService;
import kr.tickets.ratelimit.RateLimitedRoute;
import kr.tickets.users.Role;
import kr.tickets.web.RateLimitGuard;
import kr.tickets.web.Requests;

/** {@code /schedules/{scheduleId}/holds}, {@code /holds/{holdId}}: holding a seat and preparing its payment. */
@Controller
@Consumes(MediaType.ALL)
public class HoldsController {
    private final SeatHoldService holds;
    private final Authenticator authenticator;
    private final RateLimitGuard rateLimit;

    public HoldsController(SeatHoldService holds, Authenticator authenticator, RateLimitGuard rateLimit) {
        this.holds = holds;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
    }

    @Post("/schedules/{scheduleId}/holds")
    @Status(HttpStatus.CREATED)
    public Map<String, Object> hold(HttpRequest<?> request, @PathVariable String scheduleId,
                                    @Header("Authorization") @Nullable String authorization,
                                    @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        Principal who = authenticator.require(authorization, Role.USER);
        rateLimit.admit(request, RateLimitedRoute.HOLD, who);
        return holds.hold(who, scheduleId, Requests.json(request), idempotencyKey);
    }

    @Get("/holds/{holdId}")
    public Map<String, Object> get(@PathVariable String holdId, @Header("Authorization") @Nullable String authorization) {
        return holds.get(authenticator.require(authorization, Role.USER), holdId);
    }

    @Delete("/holds/{holdId}")
    @Status(HttpStatus.NO_CONTENT)
    public void release(@PathVariable String holdId, @Header("Authorization") @Nullable String authorization) {
        holds.release(authenticator.require(authorization, Role.USER), holdId);
    }

    @Post("/holds/{holdId}/checkout")
    public Map<String, Object> checkout(HttpRequest<?> request, @PathVariable String holdId,
                                        @Header("Authorization") @Nullable String authorization) {
        Principal who = authenticator.require(authorization, Role.USER);
        rateLimit.admit(request, RateLimitedRoute.CHECKOUT, who);
        return holds.checkout(who, holdId, Requests.json(request));
    }
}
