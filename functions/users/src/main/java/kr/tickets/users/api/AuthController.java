package kr.tickets.users.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import kr.tickets.auth.AuthService;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.TokenPair;
import kr.tickets.common.JsonRequest;
import kr.tickets.users.Profile;
import kr.tickets.users.SignupCommand;
import kr.tickets.users.UserService;
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

    public AuthController(UserService users, AuthService auth, Authenticator authenticator) {
        this.users = users;
        this.auth = auth;
        this.authenticator = authenticator;
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
    public TokenPair login(HttpRequest<?> request) {
        JsonRequest json = Requests.json(request);
        String email = json.requiredString("email", 254);
        String password = json.requiredString("password", 128);
        json.throwIfInvalid();
        return auth.login(email, password, Requests.clientAddress(request));
    }

    @Post("/refresh")
    @WritableWhenReadOnly
    public TokenPair refresh(HttpRequest<?> request) {
        return auth.refresh(refreshToken(request));
    }

    @Post("/logout")
    @WritableWhenReadOnly
    public HttpResponse<Void> logout(HttpRequest<?> request, @Header("Authorization") @Nullable String authorization) {
        auth.logout(authenticator.authenticate(authorization), refreshToken(request));
        return HttpResponse.noContent();
    }

    private static String refreshToken(HttpRequest<?> request) {
        JsonRequest json = Requests.json(request);
        String token = json.requiredString("refreshToken", 4096);
        json.throwIfInvalid();
        return token;
    }
}
