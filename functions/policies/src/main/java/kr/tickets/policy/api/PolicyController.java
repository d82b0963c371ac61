package kr.tickets.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.policy.Policy;
import kr.tickets.policy.PolicyAuditService;
import kr.tickets.policy.PolicyChange;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;
import kr.tickets.web.WritableWhenReadOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/policies}: fees, hold time, limits and feature flags; {@code /admin/policy-audit}: the trail of
 * their changes (role ADMIN). The trail has its own path so that no policy key can ever collide with it.
 */
@Controller("/admin")
@Consumes(MediaType.ALL)
public class PolicyController {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyController.class);

    private final PolicyService policies;
    private final PolicyAuditService audit;
    private final Authenticator authenticator;

    public PolicyController(PolicyService policies, PolicyAuditService audit, Authenticator authenticator) {
        this.policies = policies;
        this.audit = audit;
        this.authenticator = authenticator;
    }

    @Get("/policies")
    public Policies list(@Header("Authorization") @Nullable String authorization) {
        authenticator.require(authorization, Role.ADMIN);
        return new Policies(policies.list());
    }

    /** Newest first; {@code key} narrows it to one policy. */
    @Get("/policy-audit")
    public AuditPage audit(@Header("Authorization") @Nullable String authorization,
                           @QueryValue @Nullable String key, @QueryValue @Nullable String size,
                           @QueryValue @Nullable String cursor) {
        authenticator.require(authorization, Role.ADMIN);
        PolicyAuditService.AuditPage page = audit.audit(new PolicyAuditService.AuditRequest(key, size, cursor));
        return new AuditPage(page.items().stream().map(AuditEntry::of).toList(), page.nextCursor());
    }

    /** Stays writable in read-only mode: it is how an admin turns that mode off. */
    @Put("/policies/{key}")
    @WritableWhenReadOnly
    public Policy update(HttpRequest<?> request, @PathVariable String key,
                         @Header("Authorization") @Nullable String authorization) {
        Principal admin = authenticator.require(authorization, Role.ADMIN);
        Policy updated = policies.update(key, Requests.json(request), admin.userId());
        LOG.info("policy changed key={} value={} by={}", updated.key(), updated.value(), admin.userId());
        return updated;
    }

    public record Policies(List<Policy> items) {
    }

    /** One change as admins read it. */
    public record AuditEntry(String changeId, String key, JsonNode oldValue, String oldSource, JsonNode newValue,
                             String changedBy, String changedAt) {
        static AuditEntry of(PolicyChange change) {
            return new AuditEntry(change.changeId(), change.key(), change.oldValue(), change.oldSource().name(),
                    change.newValue(), change.changedBy(), change.changedAt().toString());
        }
    }

    /** A page of changes; {@code nextCursor} is null on the last one. */
    public record AuditPage(List<AuditEntry> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }
}
