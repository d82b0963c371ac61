package kr.tickets.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.aws.DynamoItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Sessions in the Auth table: {@code FAMILY#<id> / FAMILY} (status, current refresh token id,
 * GSI1 {@code USER#<id>} to find a user's sessions) and {@code DENY#<jti> / DENY}. Items
 * carry {@code expiresAt} (epoch seconds) for TTL clean-up only; no check relies on deletion.
 */
@Singleton
@Requires(property = "auth.table")
public class DynamoSessionStore implements SessionStore {
    private static final String ACTIVE = "ACTIVE";
    private static final String REVOKED = "REVOKED";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSessionStore(DynamoDbClient dynamo, @Value("${auth.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> familyKey(String familyId) {
        return Map.of("pk", s("FAMILY#" + familyId), "sk", s("FAMILY"));
    }

    private static Map<String, AttributeValue> denyKey(String tokenId) {
        return Map.of("pk", s("DENY#" + tokenId), "sk", s("DENY"));
    }

    @Override
    public void start(String familyId, String userId, String refreshTokenId, Instant expiresAt, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(familyKey(familyId));
        item.put("userId", s(userId));
        item.put("status", s(ACTIVE));
        item.put("currentTokenId", s(refreshTokenId));
        item.put("createdAt", s(now.toString()));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        item.put("GSI1PK", s("USER#" + userId));
        item.put("GSI1SK", s("FAMILY#" + String.format("%015d", now.toEpochMilli()) + "#" + familyId));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Rotation rotate(String familyId, String userId, String presentedId, String nextId, Instant nextExpiresAt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(familyKey(familyId))
                    .updateExpression("SET currentTokenId = :next, expiresAt = :exp")
                    .conditionExpression("#status = :active AND currentTokenId = :presented AND userId = :user")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":next", s(nextId), ":exp", n(nextExpiresAt.getEpochSecond()),
                            ":active", s(ACTIVE), ":presented", s(presentedId), ":user", s(userId)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Rotation.ROTATED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty() || !ACTIVE.equals(old.get("status").s())) {
                return Rotation.REVOKED;
            }
            revokeFamily(familyId);
            return Rotation.REUSED;
        }
    }

    @Override
    public void revokeFamily(String familyId) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(familyKey(familyId))
                    .updateExpression("SET #status = :revoked")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":revoked", s(REVOKED))));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // Nothing to revoke: an expired family that TTL removed is revoked by absence.
        }
    }

    @Override
    public void revokeOtherFamilies(String userId, String keepFamilyId) {
        dynamo.queryPaginator(r -> r.tableName(table).indexName("GSI1")
                        .keyConditionExpression("GSI1PK = :user")
                        .expressionAttributeValues(Map.of(":user", s("USER#" + userId))))
                .items()
                .forEach(item -> {
                    String familyId = item.get("pk").s().substring("FAMILY#".length());
                    if (!familyId.equals(keepFamilyId) && ACTIVE.equals(item.get("status").s())) {
                        revokeFamily(familyId);
                    }
                });
    }

    @Override
    public void deny(String accessTokenId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(denyKey(accessTokenId));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public boolean isRevoked(String accessTokenId, String familyId) {
        boolean denied = false;
        boolean familyActive = false;
        for (Map<String, AttributeValue> item : DynamoItems.getAll(dynamo, table,
                List.of(denyKey(accessTokenId), familyKey(familyId)))) {
            if (item.get("pk").s().startsWith("DENY#")) {
                denied = true;
            } else {
                familyActive = ACTIVE.equals(item.get("status").s());
            }
        }
        return denied || !familyActive;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
