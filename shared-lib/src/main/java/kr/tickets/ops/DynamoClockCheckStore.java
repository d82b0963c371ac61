package kr.tickets.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.policy.PoliciesTableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last clock check as one item of the Policies table ({@link PoliciesTableKeys#clockCheck()},
 * docs/data-model.md, "PoliciesTable"): outside the policy partition, so the policy Query never
 * sees it. The template's IAM conditions name its partition so the clock check can write, and
 * /health read, this item and no other.
 */
@Singleton
@Requires(property = "policies.table")
public class DynamoClockCheckStore implements ClockCheckStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoClockCheckStore(DynamoDbClient dynamo, @Value("${policies.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(ClockCheckResult result) {
        Map<String, AttributeValue> item = new HashMap<>(PoliciesTableKeys.clockCheck());
        item.put("status", AttributeValue.fromS(result.status().name()));
        item.put("measuredAt", AttributeValue.fromS(result.at().toString()));
        if (result instanceof ClockCheckResult.Measured m) {
            item.put("offsetMs", AttributeValue.fromN(Long.toString(m.offsetMs())));
            item.put("delayMs", AttributeValue.fromN(Long.toString(m.delayMs())));
            item.put("server", AttributeValue.fromS(m.server()));
        } else if (result instanceof ClockCheckResult.Unreachable u) {
            item.put("tried", AttributeValue.fromL(u.tried().stream().map(AttributeValue::fromS).toList()));
        }
        // Last write wins: checks run one at a time (reserved concurrency 1) and only the newest matters.
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<ClockCheckResult> last() {
        // Eventually consistent: a result a second late is as good, and it costs half.
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(PoliciesTableKeys.clockCheck())).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant at = Instant.parse(item.get("measuredAt").s());
        return switch (ClockStatus.valueOf(item.get("status").s())) {
            case MEASURED -> Optional.of(new ClockCheckResult.Measured(Long.parseLong(item.get("offsetMs").n()),
                    item.get("server").s(), Long.parseLong(item.get("delayMs").n()), at));
            case UNREACHABLE -> Optional.of(new ClockCheckResult.Unreachable(at,
                    item.getOrDefault("tried", AttributeValue.fromL(List.of())).l().stream()
                            .map(AttributeValue::s).toList()));
            case UNKNOWN -> Optional.empty();
        };
    }
}
