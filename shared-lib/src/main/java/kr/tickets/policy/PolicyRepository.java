package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored policy values and the audit trail of their changes; keys without a stored value use their default. */
public interface PolicyRepository {
    /** Stored values by key string. */
    Map<String, StoredValue> findAll();

    /**
     * Stores the change's new value and its audit record in one transaction, only if the key's
     * stored value is still {@code expected} (null: nothing stored yet). False, changing nothing,
     * when another change came first.
     */
    boolean change(PolicyChange change, StoredValue expected);

    /**
     * Audit records, newest first: of one key, or of every key when {@code key} is empty;
     * {@code after} is the {@link AuditPage#next()} of the previous page.
     */
    AuditPage audit(Optional<PolicyKey> key, int size, Optional<String> after);

    record StoredValue(JsonNode value, String updatedBy, Instant updatedAt) {
    }

    /** One page of audit records and, when more follow, the position to read on from. */
    record AuditPage(List<PolicyChange> items, Optional<String> next) {
    }
}
