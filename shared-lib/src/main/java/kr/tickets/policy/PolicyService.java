package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;
import kr.tickets.common.JsonRequest;

/**
 * Reads and changes policies (requirements §6). Use cases read the values in force through
 * {@link #current()}, which keeps them for a short time per container ({@code POLICY_CACHE_SECONDS},
 * template parameter {@code PolicyCacheSeconds}, default {@value #DEFAULT_CACHE_SECONDS} s): a
 * rush then reads the policy partition once per container every few seconds instead of on
 * every request, and a change reaches every warm function within that time, with no deploy.
 *
 * <pre>{@code PUT /admin/policies/booking.holdMinutes {"value": 10}}</pre>
 */
@Singleton
@Requires(beans = PolicyRepository.class)
public class PolicyService {
    public static final int DEFAULT_CACHE_SECONDS = 5;
    /** A change that keeps losing to concurrent changes of the same key is given up after this many tries. */
    private static final int CHANGE_ATTEMPTS = 3;

    private final PolicyRepository repository;
    private final Clock clock;
    private final Duration cacheTime;
    private volatile Snapshot cached;

    private record Snapshot(Map<PolicyKey, JsonNode> values, Instant readAt) {
    }

    @Inject
    public PolicyService(PolicyRepository repository, Clock clock,
                         @Value("${policy.cache.seconds:" + DEFAULT_CACHE_SECONDS + "}") int cacheSeconds) {
        if (cacheSeconds < 0) {
            throw new IllegalArgumentException("policy.cache.seconds must not be negative");
        }
        this.repository = repository;
        this.clock = clock;
        this.cacheTime = Duration.ofSeconds(cacheSeconds);
    }

    /** Without a cache: every {@link #current()} reads the table (unit tests that change the table directly). */
    public PolicyService(PolicyRepository repository, Clock clock) {
        this(repository, clock, 0);
    }

    public Duration cacheTime() {
        return cacheTime;
    }

    /** Every policy with the value in force, in the order of {@link PolicyKey}; always read from the table. */
    public List<Policy> list() {
        Map<String, PolicyRepository.StoredValue> stored = repository.findAll();
        return Arrays.stream(PolicyKey.values()).map(key -> view(key, stored.get(key.key()))).toList();
    }

    /**
     * The value in force of every policy, for use cases that apply several of them: one Query,
     * or none while this container's copy is younger than the cache time.
     */
    public Map<PolicyKey, JsonNode> current() {
        Instant now = clock.instant();
        Snapshot snapshot = cached;
        if (snapshot != null && !now.isBefore(snapshot.readAt()) && now.isBefore(snapshot.readAt().plus(cacheTime))) {
            return snapshot.values();
        }
        Map<String, PolicyRepository.StoredValue> stored = repository.findAll();
        Map<PolicyKey, JsonNode> out = new EnumMap<>(PolicyKey.class);
        for (PolicyKey key : PolicyKey.values()) {
            PolicyRepository.StoredValue value = stored.get(key.key());
            out.put(key, value == null ? key.defaultValue() : value.value());
        }
        Map<PolicyKey, JsonNode> values = Collections.unmodifiableMap(out);
        if (!cacheTime.isZero()) {
            cached = new Snapshot(values, now);
        }
        return values;
    }

    /**
     * Validates and stores {@code {"value": ...}} for the key with its audit record (who, when, old
     * and new value) in one transaction; 404 for an unknown key, 400 for a bad value.
     */
    public Policy update(String key, JsonRequest body, String adminUserId) {
        PolicyKey policy = PolicyKey.of(key).orElseThrow(() -> ApiException.notFound("No policy " + key + "."));
        if (!body.has("value")) {
            throw ApiException.validation("value", "is required");
        }
        JsonNode value = body.node("value");
        String problem = policy.check(value);
        if (problem != null) {
            throw ApiException.validation("value", problem);
        }
        for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
            PolicyRepository.StoredValue before = repository.findAll().get(policy.key());
            Instant now = clock.instant();
            PolicyChange change = new PolicyChange(Ids.newId(), policy.key(),
                    before == null ? policy.defaultValue() : before.value(),
                    before == null ? PolicyChange.Source.DEFAULT : PolicyChange.Source.TABLE,
                    value, adminUserId, now);
            if (repository.change(change, before)) {
                cached = null;
                return view(policy, new PolicyRepository.StoredValue(value, adminUserId, now));
            }
        }
        throw ApiException.conflict("POLICY_CHANGED_CONCURRENTLY",
                "Policy " + key + " kept changing under other admins' changes; read it and try again.");
    }

    private static Policy view(PolicyKey key, PolicyRepository.StoredValue stored) {
        if (stored == null) {
            return new Policy(key.key(), key.defaultValue(), key.defaultValue(), key.description(), "DEFAULT",
                    null, null);
        }
        return new Policy(key.key(), stored.value(), key.defaultValue(), key.description(), "TABLE",
                stored.updatedAt().toString(), stored.updatedBy());
    }
}
