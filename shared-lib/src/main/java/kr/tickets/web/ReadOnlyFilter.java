package kr.tickets.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import java.util.Set;
import kr.tickets.common.ApiException;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;

/**
 * Read-only mode (policy {@code feature.readOnly}), in one place for every API function: while it
 * is on, every write (any method but GET, HEAD, OPTIONS) answers 503 {@code READ_ONLY} before its
 * controller runs, so nothing changes, except routes marked {@link WritableWhenReadOnly}. Only new
 * API writes stop: the saga's steps, refunds, reconciliation and receipts are not API routes and
 * carry on, so no payment already made is left without its booking or refund.
 *
 * <p>Every function with a write route must have the policies table ({@code POLICIES_TABLE});
 * {@code ReadOnlyCoverageTest} checks template.yaml for it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(beans = PolicyService.class)
public class ReadOnlyFilter {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final PolicyService policies;

    public ReadOnlyFilter(PolicyService policies) {
        this.policies = policies;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseWritesWhenReadOnly(HttpRequest<?> request) {
        if (READS.contains(request.getMethod()) || exempt(request)
                || !policies.current().get(PolicyKey.READ_ONLY).asBoolean()) {
            return null;
        }
        return ProblemResponses.of(request, ApiException.readOnly());
    }

    private static boolean exempt(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().hasAnnotation(WritableWhenReadOnly.class))
                .orElse(false);
    }
}
