package kr.tickets.users.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import kr.tickets.auth.AuthService;
import kr.tickets.auth.Principal;
import kr.tickets.common.JsonRequest;
import kr.tickets.users.Profile;
import kr.tickets.users.ProfileUpdate;
import kr.tickets.users.UserService;

/** {@code /me}: the signed-in user's profile (requirements §1.2). */
@Controller("/me")
@Consumes(MediaType.ALL)
public class MeController {
    private final UserService users;
    private final AuthService auth;

    public MeController(UserService users, AuthService auth) {
        this.users = users;
        this.auth = auth;
    }

    @Get
    public Profile me(@Header("Authorization") @Nullable String authorization) {
        return users.profile(auth.authenticate(authorization).userId());
    }

    @Patch
    public Profile update(@Header("Authorization") @Nullable String authorization, @Body @Nullable String body,
                          @Header("Content-Type") @Nullable String contentType) {
        Principal principal = auth.authenticate(authorization);
        UserService.UpdateResult result = users.update(principal.userId(),
                ProfileUpdate.from(JsonRequest.parse(body, contentType)));
        if (result.passwordChanged()) {
            auth.endOtherSessions(principal);
        }
        return result.profile();
    }
}
