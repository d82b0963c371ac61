package kr.tickets.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Policies in the Policies table: one partition {@code POLICY}, one item per key
 * ({@code sk = <key>}), so reading them all is a single Query, never a Scan.
 */
@Singleton
@Requires(property = "policies.table")
public class DynamoPolicyRepository implements PolicyRepository {
    private static final String PARTITION = "POLICY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPolicyRepository(DynamoDbClient dynamo, @Value("${policies.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, StoredValue> findAll() {
        Map<String, StoredValue> out = new HashMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p").consistentRead(true)
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(PARTITION))))
                .items()
                .forEach(item -> out.put(item.get("sk").s(), new StoredValue(parse(item.get("value").s()),
                        item.get("updatedBy").s(), Instant.parse(item.get("updatedAt").s()))));
        return out;
    }

    @Override
    public void save(PolicyKey key, JsonNode value, String updatedBy, Instant updatedAt) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(PARTITION),
                "sk", AttributeValue.fromS(key.key()),
                "value", AttributeValue.fromS(value.toString()),
                "updatedBy", AttributeValue.fromS(updatedBy),
                "updatedAt", AttributeValue.fromS(updatedAt.toString()))));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not JSON: " + json, e);
        }
    }
}
