package kr.tickets.users.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import kr.tickets.auth.AccessTokens;
import kr.tickets.auth.AuthService;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.PresentedRefreshToken;
import kr.tickets.auth.Principal;
import kr.tickets.auth.RefreshCookie;
import kr.tickets.auth.RefreshTokenDelivery;
import kr.tickets.auth.TokenPair;
import kr.tickets.common.JsonRequest;
import kr.tickets.users.Profile;
import kr.tickets.users.SignupCommand;
import kr.tickets.users.UserService;
import kr.tickets.web.ClientAddresses;
import kr.tickets.web.Requests;
import kr.tickets.web.WritableWhenReadOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /auth/*}: sign-up, login, refresh and logout. */
@Controller("/auth")
@Consumes(MediaType.ALL)
public class AuthController {
    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    private final UserService users;
    private final AuthService auth;
    private final Authenticator authenticator;
    private final ClientAddresses addresses;

    public AuthController(UserService users, AuthService auth, Authenticator authenticator, ClientAddresses addresses) {
        this.users = users;
        this.auth = auth;
        this.authenticator = authenticator;
        this.addresses = addresses;
    }

    @Post("/signup")
    @Status(HttpStatus.CREATED)
    public Profile signup(HttpRequest<?> request) {
        Profile profile = users.signup(SignupCommand.from(Requests.json(request)));
        LOG.info("signup userId={}", profile.userId());
        return profile;
    }

    @Post("/login")
    @WritableWhenReadOnly
    public HttpResponse<?> login(HttpRequest<?> request) {
        JsonRequest json = Requests.json(request);
        String email = json.requiredString("email", 254);
        String password = json.requiredString("password", 128);
        RefreshTokenDelivery delivery = RefreshTokenDelivery.from(json);
        json.throwIfInvalid();
        return tokens(auth.login(email, password, addresses.of(request)), delivery);
    }

    @Post("/refresh")
    @WritableWhenReadOnly
    public HttpResponse<?> refresh(HttpRequest<?> request) {
        PresentedRefreshToken presented = refreshToken(request);
        return tokens(auth.refresh(presented.token()), presented.via());
    }

    @Post("/logout")
    @WritableWhenReadOnly
    public HttpResponse<Void> logout(HttpRequest<?> request, @Header("Authorization") @Nullable String authorization) {
        Principal principal = authenticator.authenticate(authorization);
        PresentedRefreshToken presented = refreshToken(request);
        auth.logout(principal, presented.token());
        MutableHttpResponse<Void> response = HttpResponse.noContent();
        if (presented.via() == RefreshTokenDelivery.COOKIE) {
            response.header(HttpHeaders.SET_COOKIE, RefreshCookie.clear());
        }
        return response;
    }

    /** The pair in the body, or the access token in the body and the refresh token in its cookie. */
    private static HttpResponse<?> tokens(TokenPair pair, RefreshTokenDelivery delivery) {
        if (delivery == RefreshTokenDelivery.BODY) {
            return HttpResponse.ok(pair);
        }
        return HttpResponse.ok(AccessTokens.of(pair))
                .header(HttpHeaders.SET_COOKIE, RefreshCookie.issue(pair.refreshToken(), pair.refreshTokenExpiresIn()));
    }

    /** The body must be JSON even when the cookie carries the token: a cross-site form cannot send it. */
    private static PresentedRefreshToken refreshToken(HttpRequest<?> request) {
        JsonRequest json = Requests.json(request);
        PresentedRefreshToken presented = PresentedRefreshToken.from(json, request.getHeaders().getAll(HttpHeaders.COOKIE));
        json.throwIfInvalid();
        return presented;
    }
}
