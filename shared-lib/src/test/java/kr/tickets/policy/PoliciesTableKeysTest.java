package kr.tickets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key design of PoliciesTable, whose partitions the template's IAM conditions also name. */
class PoliciesTableKeysTest {
    @Test
    void policiesAuditAndTheClockCheckHaveTheirOwnPartitions() {
        assertEquals("POLICY", PoliciesTableKeys.policy("fee.percent").get("pk").s());
        assertEquals("fee.percent", PoliciesTableKeys.policy("fee.percent").get("sk").s());
        assertEquals("AUDIT", PoliciesTableKeys.auditPartition(Optional.empty()));
        assertEquals("AUDIT#fee.percent", PoliciesTableKeys.auditPartition(Optional.of("fee.percent")));
        assertEquals("CLOCK", PoliciesTableKeys.clockCheck().get("pk").s());
        assertEquals("LAST", PoliciesTableKeys.clockCheck().get("sk").s());
    }

    @Test
    void auditRecordsSortByTimeAsStrings() {
        assertEquals("000000000000999#z", PoliciesTableKeys.auditSk(Instant.ofEpochMilli(999), "z"));
        assertTrue(PoliciesTableKeys.auditSk(Instant.ofEpochMilli(999), "z")
                .compareTo(PoliciesTableKeys.auditSk(Instant.ofEpochMilli(1000), "a")) < 0);
    }
}
