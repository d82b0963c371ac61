package kr.tickets.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of PoliciesTable (docs/data-model.md, "PoliciesTable"): the one place that spells them,
 * for the policy repository and the clock check's store. The template's IAM
 * {@code dynamodb:LeadingKeys} conditions name the same partitions.
 *
 * <ul>
 * <li>policy values: one partition {@value #POLICIES}, one item per key ({@code sk = <key>}), so
 *     reading them all is a single Query;</li>
 * <li>audit records: {@value #AUDIT} (every key) and {@code AUDIT#<key>} (one key), sorted
 *     {@code <changed ms, 15 digits>#<changeId>} so both read newest first;</li>
 * <li>the last clock check: {@code CLOCK / LAST}, outside the policy partition.</li>
 * </ul>
 */
public final class PoliciesTableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String POLICIES = "POLICY";
    public static final String AUDIT = "AUDIT";
    /** The clock check's partition. */
    public static final String CLOCK = "CLOCK";

    private PoliciesTableKeys() {
    }

    public static Map<String, AttributeValue> policy(String key) {
        return key(POLICIES, key);
    }

    /** The audit partition of one key, or of every key when empty. */
    public static String auditPartition(Optional<String> key) {
        return key.map(k -> AUDIT + "#" + k).orElse(AUDIT);
    }

    /** Sorts by time as a string: fixed width, unlike ISO instants whose fraction comes and goes. */
    public static String auditSk(Instant changedAt, String changeId) {
        return String.format("%015d#%s", changedAt.toEpochMilli(), changeId);
    }

    public static Map<String, AttributeValue> clockCheck() {
        return key(CLOCK, "LAST");
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
