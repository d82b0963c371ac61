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
 * Policies in the Policies table (keys in {@link PoliciesTableKeys}): reading them all is a
 * single Query, never a Scan. Each change also writes its audit record twice in the same
 * transaction, in the every-key and the one-key audit partitions, so that both feeds read newest
 * first with one Query per page. Audit records never expire.
 */
@Singleton
@Requires(property = "policies.table")
public class DynamoPolicyRepository implements PolicyRepository {
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

    @Override
    public Map<String, StoredValue> findAll() {
        Map<String, StoredValue> out = new HashMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p").consistentRead(true)
                        .expressionAttributeValues(Map.of(":p", s(PoliciesTableKeys.POLICIES))))
                .items()
                .forEach(item -> out.put(item.get(PoliciesTableKeys.SK).s(), new StoredValue(parse(item.get("value").s()),
                        item.get("updatedBy").s(), Instant.parse(item.get("updatedAt").s()))));
        return out;
    }

    @Override
    public boolean change(PolicyChange change, StoredValue expected) {
        Map<String, AttributeValue> value = new HashMap<>(PoliciesTableKeys.policy(change.key()));
        value.put("value", s(change.newValue().toString()));
        value.put("updatedBy", s(change.changedBy()));
        value.put("updatedAt", s(change.changedAt().toString()));
        Put.Builder policy = Put.builder().tableName(table).item(value);
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
        for (String partition : List.of(PoliciesTableKeys.auditPartition(Optional.empty()),
                PoliciesTableKeys.auditPartition(Optional.of(change.key())))) {
            Map<String, AttributeValue> item = new HashMap<>(PoliciesTableKeys.key(partition,
                    PoliciesTableKeys.auditSk(change.changedAt(), change.changeId())));
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
        String partition = PoliciesTableKeys.auditPartition(key.map(PolicyKey::key));
        QueryResponse page = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(size)
                .exclusiveStartKey(after.map(sk -> PoliciesTableKeys.key(partition, sk)).orElse(null)));
        List<PolicyChange> items = page.items().stream().map(DynamoPolicyRepository::change).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(page.lastEvaluatedKey().get(PoliciesTableKeys.SK).s()) : Optional.empty();
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
