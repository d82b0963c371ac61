package kr.tickets.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.aws.DynamoItems;
import kr.tickets.users.Role;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Sessions in the Auth table: {@code FAMILY#<id> / FAMILY} (status, the current pair's claims,
 * the refresh token it replaced, GSI1 {@code USER#<id>} to find a user's sessions),
 * {@code DENY#<jti> / DENY} and {@code ROLE#<userId> / ROLE}. Session items
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

    /**
     * The user's current role ({@code ROLE#<userId> / ROLE}), which every authenticated request
     * reads with the session items. The Users table's repository writes it in the same
     * transaction as the account whenever a role is given or changed.
     */
    public static Map<String, AttributeValue> roleItem(String userId, Role role, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(AuthTableKeys.role(userId));
        item.put("userId", s(userId));
        item.put("role", s(role.name()));
        item.put("updatedAt", s(now.toString()));
        return item;
    }

    @Override
    public void start(Grant first, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(AuthTableKeys.family(first.familyId()));
        item.put("userId", s(first.userId()));
        item.put("status", s(ACTIVE));
        item.put("currentTokenId", s(first.refreshTokenId()));
        item.put("accessTokenId", s(first.accessTokenId()));
        item.put("role", s(first.role().name()));
        item.put("issuedAt", n(first.issuedAt().getEpochSecond()));
        item.put("authTime", n(first.authTime().getEpochSecond()));
        item.put("createdAt", s(now.toString()));
        item.put("expiresAt", n(first.refreshExpiresAt().getEpochSecond()));
        item.put("GSI1PK", s(AuthTableKeys.userFamiliesPk(first.userId())));
        item.put("GSI1SK", s(AuthTableKeys.familySk(now, first.familyId())));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * One conditional update keeps the successor's claims (token ids, role, issue time) and the
     * token it replaced on the family item, so a second tab presenting that token within the
     * grace window gets the same pair rebuilt, not a revocation.
     */
    @Override
    public Rotation rotate(String presentedId, Grant next, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuthTableKeys.family(next.familyId()))
                    .updateExpression("SET currentTokenId = :next, previousTokenId = :presented, accessTokenId = :access, "
                            + "#role = :role, issuedAt = :issued, expiresAt = :exp")
                    .conditionExpression("#status = :active AND currentTokenId = :presented AND userId = :user")
                    .expressionAttributeNames(Map.of("#status", "status", "#role", "role"))
                    .expressionAttributeValues(Map.of(":next", s(next.refreshTokenId()),
                            ":access", s(next.accessTokenId()), ":role", s(next.role().name()),
                            ":issued", n(next.issuedAt().getEpochSecond()),
                            ":exp", n(next.refreshExpiresAt().getEpochSecond()),
                            ":active", s(ACTIVE), ":presented", s(presentedId), ":user", s(next.userId())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Rotation(Outcome.ROTATED, next);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty() || !ACTIVE.equals(old.get("status").s())) {
                return Rotation.of(Outcome.REVOKED);
            }
            if (old.get("userId").s().equals(next.userId()) && old.containsKey("previousTokenId")
                    && old.get("previousTokenId").s().equals(presentedId) && old.containsKey("accessTokenId")
                    && now.isBefore(Instant.ofEpochSecond(Long.parseLong(old.get("issuedAt").n())).plus(GRACE))) {
                return new Rotation(Outcome.GRACE_REPLAY, successor(next.familyId(), old));
            }
            revokeFamily(next.familyId());
            return Rotation.of(Outcome.REUSED);
        }
    }

    private static Grant successor(String familyId, Map<String, AttributeValue> family) {
        Instant authTime = family.containsKey("authTime")
                ? Instant.ofEpochSecond(Long.parseLong(family.get("authTime").n()))
                : Instant.parse(family.get("createdAt").s());
        return new Grant(family.get("userId").s(), Role.valueOf(family.get("role").s()), familyId,
                family.get("accessTokenId").s(), family.get("currentTokenId").s(), authTime,
                Instant.ofEpochSecond(Long.parseLong(family.get("issuedAt").n())),
                Instant.ofEpochSecond(Long.parseLong(family.get("expiresAt").n())));
    }

    @Override
    public void revokeFamily(String familyId) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuthTableKeys.family(familyId))
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
                        .expressionAttributeValues(Map.of(":user", s(AuthTableKeys.userFamiliesPk(userId)))))
                .items()
                .forEach(item -> {
                    String familyId = AuthTableKeys.familyId(item);
                    if (!familyId.equals(keepFamilyId) && ACTIVE.equals(item.get("status").s())) {
                        revokeFamily(familyId);
                    }
                });
    }

    @Override
    public void deny(String accessTokenId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(AuthTableKeys.deny(accessTokenId));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<Role> currentRole(String accessTokenId, String familyId, String userId) {
        boolean denied = false;
        boolean familyActive = false;
        Role role = Role.USER;
        for (Map<String, AttributeValue> item : DynamoItems.getAll(dynamo, table,
                List.of(AuthTableKeys.deny(accessTokenId), AuthTableKeys.family(familyId), AuthTableKeys.role(userId)))) {
            if (AuthTableKeys.isDeny(item)) {
                denied = true;
            } else if (AuthTableKeys.isFamily(item)) {
                familyActive = ACTIVE.equals(item.get("status").s()) && userId.equals(item.get("userId").s());
            } else {
                role = Role.valueOf(item.get("role").s());
            }
        }
        return denied || !familyActive ? Optional.empty() : Optional.of(role);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
