package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.booking.PaymentService;
import kr.tickets.ratelimit.RateLimitedRoute;
import kr.tickets.users.Role;
import kr.tickets.web.RateLimitGuard;
import kr.tickets.web.Requests;

/** {@code /payments/confirm}, {@code /payments/fail}: what the web client posts after Toss's redirects. */
@Controller("/payments")
@Consumes(MediaType.ALL)
public class PaymentsController {
    private final PaymentService payments;
    private final Authenticator authenticator;
    private final RateLimitGuard rateLimit;

    public PaymentsController(PaymentService payments, Authenticator authenticator, RateLimitGuard rateLimit) {
        this.payments = payments;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
    }

    @Post("/confirm")
    public HttpResponse<Map<String, Object>> confirm(HttpRequest<?> request,
                                                     @Header("Authorization") @Nullable String authorization) {
        Principal who = authenticator.require(authorization, Role.USER);
        rateLimit.admit(request, RateLimitedRoute.CONFIRM, who);
        PaymentService.Outcome outcome = payments.confirm(who, Requests.json(request));
        return HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(outcome.status())).body(outcome.body());
    }

    @Post("/fail")
    public Map<String, Object> fail(HttpRequest<?> request, @Header("Authorization") @Nullable String authorization) {
        return payments.fail(authenticator.require(authorization, Role.USER), Requests.json(request));
    }
}
