package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The PolicyRepository port in memory; counts reads so tests can see the cache at work. */
public final class InMemoryPolicyRepository implements PolicyRepository {
    private final Map<String, StoredValue> values = new HashMap<>();
    private final List<PolicyChange> audit = new ArrayList<>();
    private int reads;

    @Override
    public synchronized Map<String, StoredValue> findAll() {
        reads++;
        return Map.copyOf(values);
    }

    /** Stores a value as another container or an operator would, without an audit record. */
    public synchronized void save(PolicyKey key, JsonNode value, String updatedBy, Instant updatedAt) {
        values.put(key.key(), new StoredValue(value, updatedBy, updatedAt));
    }

    @Override
    public synchronized boolean change(PolicyChange change, StoredValue expected) {
        if (!Objects.equals(values.get(change.key()), expected)) {
            return false;
        }
        values.put(change.key(), new StoredValue(change.newValue(), change.changedBy(), change.changedAt()));
        audit.add(change);
        return true;
    }

    /** Newest first; the position is the index of the next record. */
    @Override
    public synchronized AuditPage audit(Optional<PolicyKey> key, int size, Optional<String> after) {
        List<PolicyChange> matching = audit.stream()
                .filter(c -> key.map(k -> k.key().equals(c.key())).orElse(true))
                .sorted(Comparator.comparing(PolicyChange::changedAt).reversed())
                .toList();
        int from = after.map(Integer::parseInt).orElse(0);
        int to = Math.min(matching.size(), from + size);
        return new AuditPage(matching.subList(from, to),
                to < matching.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    public synchronized int reads() {
        return reads;
    }

    public synchronized List<PolicyChange> auditRecords() {
        return List.copyOf(audit);
    }
}
