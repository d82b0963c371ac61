package kr.tickets.policy.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import java.util.List;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.policy.Policy;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /admin/policies}: fees, hold time, limits and feature flags (role ADMIN). */
@Controller("/admin/policies")
@Consumes(MediaType.ALL)
public class PolicyController {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyController.class);

    private final PolicyService policies;
    private final Authenticator authenticator;

    public PolicyController(PolicyService policies, Authenticator authenticator) {
        this.policies = policies;
        this.authenticator = authenticator;
    }

    @Get
    public Policies list(@Header("Authorization") @Nullable String authorization) {
        authenticator.require(authorization, Role.ADMIN);
        return new Policies(policies.list());
    }

    @Put("/{key}")
    public Policy update(HttpRequest<?> request, @PathVariable String key,
                         @Header("Authorization") @Nullable String authorization) {
        Principal admin = authenticator.require(authorization, Role.ADMIN);
        Policy updated = policies.update(key, Requests.json(request), admin.userId());
        LOG.info("policy changed key={} value={} by={}", updated.key(), updated.value(), admin.userId());
        return updated;
    }

    public record Policies(List<Policy> items) {
    }
}
