package kr.tickets.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.tickets.localstack.EmulatorCounts.KeyCount;
import kr.tickets.localstack.EmulatorCounts.RequestCount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The launcher's counts (local/moto_launcher.py: {@code /_local/request-counts},
 * {@code /_local/dynamo-keys}) against real requests: the request kinds, and per item key the reads,
 * writes and units DynamoDB would bill, with item sizes worked out here by hand from DynamoDB's
 * documented rules (attribute names + values; a number 1 byte per two significant digits + 1; a
 * map or list 3 bytes + 1 byte and the size of each element), so a wrong size rule fails.
 */
class EmulatorCountsIT {
    private static final String TABLE = "CountsProbe" + UUID.randomUUID().toString().substring(0, 8);
    private static DynamoDbClient dynamo;
    private static String endpoint;

    @BeforeAll
    static void createTable() {
        endpoint = LocalStack.shared().endpoint();
        dynamo = AwsLocal.dynamo(endpoint);
        dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("sk").attributeType("S"),
                        a -> a.attributeName("GSI1PK").attributeType("S"),
                        a -> a.attributeName("GSI1SK").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .globalSecondaryIndexes(g -> g.indexName("GSI1")
                        .keySchema(k -> k.attributeName("GSI1PK").keyType("HASH"),
                                k -> k.attributeName("GSI1SK").keyType("RANGE"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())));
    }

    @AfterAll
    static void dropTable() {
        dynamo.deleteTable(r -> r.tableName(TABLE));
        dynamo.close();
    }

    @Test
    void unitsPerItemKeyFollowDynamoDbsSizeRules() {
        EmulatorCounts.reset(endpoint);
        // "pk"+"P#1" + "sk"+"A" + "data"+1,500 = 1,512 bytes: 2 WCU.
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("P#1"), "sk", s("A"), "data", s("x".repeat(1500)))));
        // + "n" and 123456 (6 significant digits: 3 + 1 bytes) = 1,517 bytes: billed by the larger item, 2 WCU.
        dynamo.updateItem(r -> r.tableName(TABLE).key(key("P#1", "A")).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("123456"))));
        // A write whose condition fails still consumes units, by the larger of the stored and the sent item.
        assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(r -> r.tableName(TABLE)
                .item(Map.of("pk", s("P#1"), "sk", s("A"))).conditionExpression("attribute_not_exists(pk)")));
        // 1,517 bytes read: 1 RCU strongly consistent, 0.5 eventually.
        dynamo.getItem(r -> r.tableName(TABLE).key(key("P#1", "A")).consistentRead(true));
        dynamo.getItem(r -> r.tableName(TABLE).key(key("P#1", "A")));

        // A transaction doubles. Item B is "pk"+"P#1" (5) + "sk"+"B" (3) + "GSI1PK"+"G#1" (9) + "GSI1SK"+"x" (7)
        // + "m" + map (1 + 3 + 1 + "ab" + "xyz" = 10) + "l" + list (1 + 3 + 1 + number "-0012.3400", 4 significant
        // digits: 3 bytes, + 1 + bool 1 = 10) + "pad" + 977 = 1,024 bytes: 1 WCU, 2 in the transaction, and 1 on
        // GSI1. Item B2 has a sort key one byte longer: 1,025 bytes, 2 WCU, 4 in the transaction, 2 on GSI1.
        dynamo.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName(TABLE).item(shaped("B", "x"))),
                t -> t.put(p -> p.tableName(TABLE).item(shaped("B2", "y")))));

        // 2 + 3 + 2 + 1 + 4 + 4,990 = 5,002 bytes: 5 WCU; read 2 RCU, in a transaction 4.
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("P#2"), "sk", s("C"), "data", s("y".repeat(4990)))));
        dynamo.getItem(r -> r.tableName(TABLE).key(key("P#2", "C")).consistentRead(true));
        dynamo.transactGetItems(r -> r.transactItems(t -> t.get(g -> g.tableName(TABLE).key(key("P#2", "C")))));
        dynamo.batchGetItem(r -> r.requestItems(Map.of(TABLE, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                .builder().keys(key("P#2", "C"), key("P#9", "absent")).consistentRead(true).build())));

        // A Query counts once for its partition by what it returned: 1,517 + 1,024 + 1,025 bytes = 1 RCU, 0.5 eventual.
        dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("P#1"))).consistentRead(true));
        dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("P#1"))));

        List<KeyCount> keys = EmulatorCounts.keys(endpoint);
        assertKey(keys, null, "P#1", "A", 2, 3, 1.5, 6.0);
        assertKey(keys, null, "P#1", "B", 0, 1, 0.0, 2.0);
        assertKey(keys, null, "P#1", "B2", 0, 1, 0.0, 4.0);
        assertKey(keys, "GSI1", "G#1", "x", 0, 1, 0.0, 1.0);
        assertKey(keys, "GSI1", "G#1", "y", 0, 1, 0.0, 2.0);
        assertKey(keys, null, "P#2", "C", 3, 1, 2.0 + 4.0 + 2.0, 5.0);
        assertKey(keys, null, "P#9", "absent", 1, 0, 1.0, 0.0);
        assertKey(keys, null, "P#1", null, 2, 0, 1.5, 0.0);

        List<RequestCount> requests = EmulatorCounts.requests(endpoint);
        assertEquals(3, EmulatorCounts.count(requests, "dynamodb:PutItem"));
        assertEquals(1, EmulatorCounts.count(requests, "dynamodb:UpdateItem"));
        assertEquals(3, EmulatorCounts.count(requests, "dynamodb:GetItem"));
        assertEquals(1, EmulatorCounts.count(requests, "dynamodb:TransactWriteItems"));
        assertEquals(1, EmulatorCounts.count(requests, "dynamodb:TransactGetItems"));
        assertEquals(1, EmulatorCounts.count(requests, "dynamodb:BatchGetItem"));
        assertEquals(2, EmulatorCounts.count(requests, "dynamodb:Query"));
        // And the time the emulator spent answering them.
        assertTrue(requests.stream().filter(r -> r.kind().equals("dynamodb:PutItem")).allMatch(r -> r.seconds() > 0));
    }

    @Test
    void requestsAreCountedByServiceAndAction() throws Exception {
        EmulatorCounts.reset(endpoint);
        try (SqsClient sqs = AwsLocal.sqs(endpoint); SfnClient sfn = AwsLocal.sfn(endpoint);
             SesV2Client ses = AwsLocal.sesv2(endpoint)) {
            String queue = sqs.createQueue(r -> r.queueName("counts-" + UUID.randomUUID())).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("one"));
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("two"));
            sfn.listStateMachines(r -> { });
            ses.createEmailIdentity(r -> r.emailIdentity("counts@example.com"));
            ses.sendEmail(r -> r.fromEmailAddress("counts@example.com")
                    .destination(d -> d.toAddresses("buyer@example.com"))
                    .content(c -> c.simple(m -> m.subject(t -> t.data("s")).body(b -> b.text(t -> t.data("b"))))));
        }
        HttpResponse<String> invoke = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(endpoint + "/2015-03-31/functions/absent/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(invoke.statusCode() >= 400, "no such function: " + invoke.statusCode());

        List<RequestCount> requests = EmulatorCounts.requests(endpoint);
        assertEquals(1, EmulatorCounts.count(requests, "sqs:CreateQueue"));
        assertEquals(2, EmulatorCounts.count(requests, "sqs:SendMessage"));
        assertEquals(1, EmulatorCounts.count(requests, "stepfunctions:ListStateMachines"));
        assertEquals(1, EmulatorCounts.count(requests, "sesv2:CreateEmailIdentity"));
        assertEquals(1, EmulatorCounts.count(requests, "sesv2:SendEmail"));
        assertEquals(1, EmulatorCounts.count(requests, "lambda:Invoke"));
        assertEquals(0, EmulatorCounts.count(requests, "dynamodb:PutItem"));
    }

    private static void assertKey(List<KeyCount> keys, String index, String pk, String sk, long reads, long writes,
                                  double readUnits, double writeUnits) {
        KeyCount count = keys.stream().filter(k -> TABLE.equals(k.table()) && java.util.Objects.equals(index, k.index())
                        && pk.equals(k.pk()) && java.util.Objects.equals(sk, k.sk()))
                .findFirst().orElseThrow(() -> new AssertionError("no count for " + index + " " + pk + " " + sk + ": " + keys));
        assertEquals(List.of(reads, writes, readUnits, writeUnits),
                List.of(count.reads(), count.writes(), count.readUnits(), count.writeUnits()), pk + "/" + sk);
    }

    private static Map<String, AttributeValue> shaped(String sk, String indexSk) {
        return Map.of("pk", s("P#1"), "sk", s(sk), "GSI1PK", s("G#1"), "GSI1SK", s(indexSk),
                "m", AttributeValue.fromM(Map.of("ab", s("xyz"))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("-0012.3400"), AttributeValue.fromBool(true))),
                "pad", s("p".repeat(977)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
