package kr.tickets.users.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import kr.tickets.auth.AuthService;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.users.Profile;
import kr.tickets.users.ProfileUpdate;
import kr.tickets.users.UserService;
import kr.tickets.web.Requests;

/** {@code /me}: the signed-in user's profile (requirements §1.2). */
@Controller("/me")
@Consumes(MediaType.ALL)
public class MeController {
    private final UserService users;
    private final AuthService auth;
    private final Authenticator authenticator;

    public MeController(UserService users, AuthService auth, Authenticator authenticator) {
        this.users = users;
        this.auth = auth;
        this.authenticator = authenticator;
    }

    @Get
    public Profile me(@Header("Authorization") @Nullable String authorization) {
        return users.profile(authenticator.authenticate(authorization).userId());
    }

    @Patch
    public Profile update(HttpRequest<?> request, @Header("Authorization") @Nullable String authorization) {
        Principal principal = authenticator.authenticate(authorization);
        UserService.UpdateResult result = users.update(principal.userId(), ProfileUpdate.from(Requests.json(request)));
        if (result.passwordChanged()) {
            auth.endOtherSessions(principal);
        }
        return result.profile();
    }
}
