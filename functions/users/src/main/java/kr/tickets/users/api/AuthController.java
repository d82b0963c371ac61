package kr.tickets.users.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import kr.tickets.auth.AuthService;
import kr.tickets.auth.TokenPair;
import kr.tickets.common.JsonRequest;
import kr.tickets.users.Profile;
import kr.tickets.users.SignupCommand;
import kr.tickets.users.UserService;
import kr.tickets.web.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /auth/*}: sign-up, login, refresh and logout. Bodies are read raw so every error is ours. */
@Controller("/auth")
@Consumes(MediaType.ALL)
public class AuthController {
    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    private final UserService users;
    private final AuthService auth;

    public AuthController(UserService users, AuthService auth) {
        this.users = users;
        this.auth = auth;
    }

    @Post("/signup")
    @Status(HttpStatus.CREATED)
    public Profile signup(@Body @Nullable String body, @Header("Content-Type") @Nullable String contentType) {
        Profile profile = users.signup(SignupCommand.from(JsonRequest.parse(body, contentType)));
        LOG.info("signup userId={}", profile.userId());
        return profile;
    }

    @Post("/login")
    public TokenPair login(HttpRequest<?> request, @Body @Nullable String body,
                           @Header("Content-Type") @Nullable String contentType) {
        JsonRequest json = JsonRequest.parse(body, contentType);
        String email = json.requiredString("email", 254);
        String password = json.requiredString("password", 128);
        json.throwIfInvalid();
        return auth.login(email, password, Requests.clientAddress(request));
    }

    @Post("/refresh")
    public TokenPair refresh(@Body @Nullable String body, @Header("Content-Type") @Nullable String contentType) {
        return auth.refresh(refreshToken(body, contentType));
    }

    @Post("/logout")
    public HttpResponse<Void> logout(@Header("Authorization") @Nullable String authorization,
                                     @Body @Nullable String body, @Header("Content-Type") @Nullable String contentType) {
        auth.logout(auth.authenticate(authorization), refreshToken(body, contentType));
        return HttpResponse.noContent();
    }

    private static String refreshToken(String body, String contentType) {
        JsonRequest json = JsonRequest.parse(body, contentType);
        String token = json.requiredString("refreshToken", 4096);
        json.throwIfInvalid();
        return token;
    }
}
