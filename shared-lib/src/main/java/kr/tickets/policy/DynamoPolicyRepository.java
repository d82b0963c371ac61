package kr.tickets.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Policies in the Policies table, and the owner of its keys: one partition {@code POLICY}, one
 * item per key ({@code sk = <key>}), so reading them all is a single Query, never a Scan. Each
 * change also writes its audit record twice in the same transaction, under {@code AUDIT} (every
 * key) and {@code AUDIT#<key>} (one key), with {@code sk = <zero-padded epoch millis>#<changeId>}
 * so that both feeds read newest first with one Query per page. Audit records never expire.
 */
@Singleton
@Requires(property = "policies.table")
public class DynamoPolicyRepository implements PolicyRepository {
    private static final String PARTITION = "POLICY";
    private static final String AUDIT = "AUDIT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPolicyRepository(DynamoDbClient dynamo, @Value("${policies.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String auditPartition(Optional<PolicyKey> key) {
        return key.map(k -> AUDIT + "#" + k.key()).orElse(AUDIT);
    }

    /** Sorts by time as a string: fixed width, unlike ISO instants whose fraction comes and goes. */
    private static String auditSortKey(PolicyChange change) {
        return String.format("%015d#%s", change.changedAt().toEpochMilli(), change.changeId());
    }

    @Override
    public Map<String, StoredValue> findAll() {
        Map<String, StoredValue> out = new HashMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p").consistentRead(true)
                        .expressionAttributeValues(Map.of(":p", s(PARTITION))))
                .items()
                .forEach(item -> out.put(item.get("sk").s(), new StoredValue(parse(item.get("value").s()),
                        item.get("updatedBy").s(), Instant.parse(item.get("updatedAt").s()))));
        return out;
    }

    @Override
    public boolean change(PolicyChange change, StoredValue expected) {
        Put.Builder policy = Put.builder().tableName(table).item(Map.of(
                "pk", s(PARTITION),
                "sk", s(change.key()),
                "value", s(change.newValue().toString()),
                "updatedBy", s(change.changedBy()),
                "updatedAt", s(change.changedAt().toString())));
        if (expected == null) {
            policy.conditionExpression("attribute_not_exists(sk)");
        } else {
            policy.conditionExpression("#value = :oldValue AND updatedBy = :oldBy AND updatedAt = :oldAt")
                    .expressionAttributeNames(Map.of("#value", "value"))
                    .expressionAttributeValues(Map.of(
                            ":oldValue", s(expected.value().toString()),
                            ":oldBy", s(expected.updatedBy()),
                            ":oldAt", s(expected.updatedAt().toString())));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(policy.build()).build());
        for (String partition : List.of(AUDIT, AUDIT + "#" + change.key())) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s(partition));
            item.put("sk", s(auditSortKey(change)));
            item.put("changeId", s(change.changeId()));
            item.put("key", s(change.key()));
            item.put("oldValue", s(change.oldValue().toString()));
            item.put("oldSource", s(change.oldSource().name()));
            item.put("newValue", s(change.newValue().toString()));
            item.put("changedBy", s(change.changedBy()));
            item.put("changedAt", s(change.changedAt().toString()));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public AuditPage audit(Optional<PolicyKey> key, int size, Optional<String> after) {
        String partition = auditPartition(key);
        QueryResponse page = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(size)
                .exclusiveStartKey(after.map(sk -> Map.of("pk", s(partition), "sk", s(sk))).orElse(null)));
        List<PolicyChange> items = page.items().stream().map(DynamoPolicyRepository::change).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(page.lastEvaluatedKey().get("sk").s()) : Optional.empty();
        return new AuditPage(items, next);
    }

    private static PolicyChange change(Map<String, AttributeValue> item) {
        return new PolicyChange(item.get("changeId").s(), item.get("key").s(),
                parse(item.get("oldValue").s()), PolicyChange.Source.valueOf(item.get("oldSource").s()),
                parse(item.get("newValue").s()), item.get("changedBy").s(), Instant.parse(item.get("changedAt").s()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not JSON: " + json, e);
        }
    }
}
