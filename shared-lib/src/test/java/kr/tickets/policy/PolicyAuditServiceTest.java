package kr.tickets.policy;

import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyAuditServiceTest {
    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final InMemoryPolicyRepository repository = new InMemoryPolicyRepository();
    private final PolicyService policies = new PolicyService(repository, clock);
    private final PolicyAuditService audit = new PolicyAuditService(repository,
            new CursorSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

    @BeforeEach
    void threeChanges() {
        change("booking.feeKrw", "1500");
        change("feature.readOnly", "true");
        change("feature.readOnly", "false");
    }

    private void change(String key, String value) {
        policies.update(key, jsonBody("{\"value\": " + value + "}"), "admin-1");
        clock.advance(Duration.ofMinutes(1));
    }

    private static List<String> values(PolicyAuditService.AuditPage page) {
        return page.items().stream().map(c -> c.key() + "=" + c.newValue()).toList();
    }

    @Test
    void everyChangeNewestFirst() {
        PolicyAuditService.AuditPage page = audit.audit(new PolicyAuditService.AuditRequest(null, null, null));
        assertEquals(List.of("feature.readOnly=false", "feature.readOnly=true", "booking.feeKrw=1500"), values(page));
        assertNull(page.nextCursor());
    }

    @Test
    void theChangesOfOneKey() {
        PolicyAuditService.AuditPage page = audit.audit(
                new PolicyAuditService.AuditRequest("feature.readOnly", null, null));
        assertEquals(List.of("feature.readOnly=false", "feature.readOnly=true"), values(page));
    }

    @Test
    void pagesFollowOneAnotherByCursor() {
        PolicyAuditService.AuditPage first = audit.audit(new PolicyAuditService.AuditRequest("", "2", ""));
        assertEquals(List.of("feature.readOnly=false", "feature.readOnly=true"), values(first));
        assertNotNull(first.nextCursor());
        PolicyAuditService.AuditPage second = audit.audit(
                new PolicyAuditService.AuditRequest(null, "2", first.nextCursor()));
        assertEquals(List.of("booking.feeKrw=1500"), values(second));
        assertNull(second.nextCursor());
    }

    @Test
    void aCursorOfTheWholeTrailIsNotACursorOfOneKey() {
        String cursor = audit.audit(new PolicyAuditService.AuditRequest(null, "1", null)).nextCursor();
        ApiException e = assertValidationFailed(() -> audit.audit(
                new PolicyAuditService.AuditRequest("feature.readOnly", "1", cursor)));
        assertEquals(List.of(new FieldError("cursor", PolicyAuditService.INVALID_CURSOR)), e.fieldErrors());
    }

    @Test
    void badParametersAreReportedTogether() {
        ApiException e = assertValidationFailed(() -> audit.audit(
                new PolicyAuditService.AuditRequest("no.such.key", "101", "forged")));
        assertEquals(List.of(new FieldError("key", "is not a policy key"),
                new FieldError("size", "must be a whole number from 1 to 100"),
                new FieldError("cursor", PolicyAuditService.INVALID_CURSOR)), e.fieldErrors());
        assertValidationFailed(() -> audit.audit(new PolicyAuditService.AuditRequest(null, "0", null)));
        assertValidationFailed(() -> audit.audit(new PolicyAuditService.AuditRequest(null, "ten", null)));
    }
}
