package kr.tickets.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.policy.PoliciesTableKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The last clock check in the Policies table (created from template.yaml in moto). */
class DynamoClockCheckStoreIT {
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoClockCheckStore store;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        dynamo = AwsLocal.dynamo(stack.endpoint());
        table = stack.resources().physicalId("PoliciesTable");
        store = new DynamoClockCheckStore(dynamo, table);
    }

    @Test
    void eachResultReplacesTheLastOneAndReadsBackTheSame() {
        ClockCheckResult measured = new ClockCheckResult.Measured(-2003, "127.0.0.1:40123", 4,
                Instant.parse("2026-12-01T10:00:00.123Z"));
        store.save(measured);
        assertEquals(measured, store.last().orElseThrow());

        ClockCheckResult unreachable = new ClockCheckResult.Unreachable(Instant.parse("2026-12-01T10:05:00Z"),
                List.of("time.google.com", "time1.google.com"));
        store.save(unreachable);
        assertEquals(unreachable, store.last().orElseThrow());

        List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(PoliciesTableKeys.CLOCK))))
                .items();
        assertEquals(1, items.size(), "one item, replaced: " + items);
        assertFalse(items.get(0).containsKey("offsetMs"), "an unreachable result keeps no stale offset");
    }
}
