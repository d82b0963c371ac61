package kr.tickets.policy;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;

/**
 * The audit trail of policy changes for admins, newest first, in signed cursor pages.
 *
 * <pre>{@code GET /admin/policy-audit?key=feature.readOnly&size=20&cursor=...}</pre>
 */
@Singleton
@Requires(beans = {PolicyRepository.class, CursorSigner.class})
public class PolicyAuditService {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    static final String INVALID_CURSOR = "is not a cursor this list handed out for this key";

    private final PolicyRepository repository;
    private final CursorSigner cursors;

    public PolicyAuditService(PolicyRepository repository, CursorSigner cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    /** Query parameters as given (null or blank: not given). */
    public record AuditRequest(String key, String size, String cursor) {
    }

    /** One page; {@code nextCursor} is null on the last. */
    public record AuditPage(List<PolicyChange> items, String nextCursor) {
    }

    /** One page of changes of {@code key} (a known policy key), or of every key when none is given. */
    public AuditPage audit(AuditRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<PolicyKey> key = Optional.empty();
        if (given(request.key())) {
            key = PolicyKey.of(request.key());
            if (key.isEmpty()) {
                errors.add(new FieldError("key", "is not a policy key"));
            }
        }
        int size = DEFAULT_PAGE;
        if (given(request.size())) {
            size = -1;
            try {
                size = Integer.parseInt(request.size());
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            if (size < 1 || size > MAX_PAGE) {
                errors.add(new FieldError("size", "must be a whole number from 1 to " + MAX_PAGE));
            }
        }
        String purpose = "policies:audit:" + key.map(PolicyKey::key).orElse("*");
        Optional<String> after = Optional.empty();
        if (given(request.cursor())) {
            after = cursors.verify(purpose, request.cursor());
            if (after.isEmpty()) {
                errors.add(new FieldError("cursor", INVALID_CURSOR));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        PolicyRepository.AuditPage page = repository.audit(key, size, after);
        return new AuditPage(page.items(), page.next().map(next -> cursors.sign(purpose, next)).orElse(null));
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
