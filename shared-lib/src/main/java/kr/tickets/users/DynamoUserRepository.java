package kr.tickets.users;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.auth.DynamoSessionStore;
import kr.tickets.aws.DynamoItems;
import kr.tickets.ops.Metrics;
import kr.tickets.common.ApiException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Accounts in the Users table. Keys ({@link UsersTableKeys}, docs/data-model.md):
 * {@code USER#<id> / PROFILE} holds the account; {@code EMAIL#<email> / UNIQUE} and
 * {@code PHONE#<phone> / UNIQUE} are claims written in the same transaction with
 * {@code attribute_not_exists}, so two sign-ups with one email cannot both succeed. An account
 * whose role is not USER, or changes, also writes its role to the Auth table in the same transaction.
 */
@Singleton
@Requires(property = "users.table")
public class DynamoUserRepository implements UserRepository {
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";

    private final DynamoDbClient dynamo;
    private final Metrics metrics;
    private final String table;
    /** The Auth table, where the role every authenticated request checks is kept; empty in read-only users. */
    private final String authTable;

    public DynamoUserRepository(DynamoDbClient dynamo, Metrics metrics, @Value("${users.table}") String table,
                                @Value("${auth.table:}") String authTable) {
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.table = table;
        this.authTable = authTable;
    }

    @Override
    public void create(User user) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                put(toItem(user), NOT_EXISTS),
                put(claim(UsersTableKeys.email(user.email()), user.userId()), NOT_EXISTS),
                put(claim(UsersTableKeys.phone(user.phone()), user.userId()), NOT_EXISTS)));
        if (user.role() != Role.USER) {
            items.add(roleRecord(user));
        }
        try {
            DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(items)), metrics);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 1)) {
                throw ApiException.conflict("EMAIL_TAKEN", "An account with this email already exists.");
            }
            if (failed(reasons, 2)) {
                throw ApiException.conflict("PHONE_TAKEN", "An account with this phone number already exists.");
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(UsersTableKeys.user(userId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Optional<User> findByEmail(String normalizedEmail) {
        Map<String, AttributeValue> claim = dynamo.getItem(r -> r.tableName(table).key(UsersTableKeys.email(normalizedEmail))
                .consistentRead(true)).item();
        if (claim == null || claim.isEmpty()) {
            return Optional.empty();
        }
        return findById(claim.get("userId").s());
    }

    @Override
    public void update(User current, User updated) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(updated))
                .conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", n(current.version())))
                .build()).build());
        boolean phoneMoved = !current.phone().equals(updated.phone());
        if (phoneMoved) {
            items.add(put(claim(UsersTableKeys.phone(updated.phone()), updated.userId()), NOT_EXISTS));
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(UsersTableKeys.phone(current.phone()))
                    .conditionExpression("userId = :me")
                    .expressionAttributeValues(Map.of(":me", s(current.userId())))
                    .build()).build());
        }
        if (updated.role() != current.role() || updated.role() != Role.USER) {
            items.add(roleRecord(updated));
        }
        try {
            DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(items)), metrics);
        } catch (TransactionCanceledException e) {
            if (phoneMoved && failed(e.cancellationReasons(), 1)) {
                throw ApiException.conflict("PHONE_TAKEN", "An account with this phone number already exists.");
            }
            if (failed(e.cancellationReasons(), 0)) {
                throw ApiException.conflict("CONCURRENT_UPDATE", "The profile changed meanwhile; read it and try again.");
            }
            throw e;
        }
    }

    /**
     * The Auth table's copy of the role, written in the account's own transaction so that no
     * request can see one without the other: authenticated checks read the role there, in the
     * same BatchGetItem as the session, so a promotion or a demotion counts at the next request.
     */
    private TransactWriteItem roleRecord(User user) {
        if (authTable.isEmpty()) {
            throw new IllegalStateException("giving or changing a role needs AUTH_TABLE: authenticated requests read the role there");
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(authTable)
                .item(DynamoSessionStore.roleItem(user.userId(), user.role(), user.updatedAt())).build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(condition).build())
                .build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> claim(Map<String, AttributeValue> key, String userId) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("userId", s(userId));
        return item;
    }

    private static Map<String, AttributeValue> toItem(User user) {
        Map<String, AttributeValue> item = new HashMap<>(UsersTableKeys.user(user.userId()));
        item.put("userId", s(user.userId()));
        item.put("name", s(user.name()));
        item.put("email", s(user.email()));
        item.put("phone", s(user.phone()));
        item.put("role", s(user.role().name()));
        item.put("passwordHash", s(user.passwordHash()));
        item.put("createdAt", s(user.createdAt().toString()));
        item.put("updatedAt", s(user.updatedAt().toString()));
        item.put("version", n(user.version()));
        return item;
    }

    private static User fromItem(Map<String, AttributeValue> item) {
        return new User(item.get("userId").s(), item.get("name").s(), item.get("email").s(), item.get("phone").s(),
                Role.valueOf(item.get("role").s()), item.get("passwordHash").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
