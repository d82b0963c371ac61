package kr.tickets.localstack;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Creates in moto the resources template.yaml declares, so the local stack has no second,
 * hand-written list of tables or secrets. A table's physical name is its logical id (the
 * template leaves TableName to CloudFormation). Creating twice is harmless.
 */
public final class Provisioner {
    private final SamTemplate template;
    private final String endpoint;

    public Provisioner(SamTemplate template, String endpoint) {
        this.template = template;
        this.endpoint = endpoint;
    }

    public LocalResources provision() {
        LocalResources resources = new LocalResources();
        try (DynamoDbClient dynamo = AwsLocal.dynamo(endpoint); SecretsManagerClient secrets = AwsLocal.secrets(endpoint)) {
            template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) ->
                    resources.put(id, createTable(dynamo, id, SamTemplate.map(resource.get("Properties"))),
                            Map.of("Arn", arn("dynamodb", "table/" + id))));
            template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, resource) ->
                    resources.put(id, createSecret(secrets, id), Map.of()));
        }
        return resources;
    }

    /** Template parameters with their defaults; locally nothing overrides them. */
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        template.parameters().forEach((name, spec) -> {
            Object fallback = SamTemplate.map(spec).get("Default");
            if (fallback != null) {
                out.put(name, fallback);
            }
        });
        return out;
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + resource;
    }

    private static String createTable(DynamoDbClient dynamo, String name, Map<String, Object> properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeDefinitions(properties.get("AttributeDefinitions")))
                .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object gsi : SamTemplate.list(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = SamTemplate.map(gsi);
            Map<String, Object> projection = SamTemplate.map(index.get("Projection"));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.get("IndexName").toString())
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")))
                            .nonKeyAttributes(SamTemplate.list(projection.get("NonKeyAttributes")).stream()
                                    .map(Object::toString).toList())
                            .build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return name;
        }
        Map<String, Object> ttl = SamTemplate.map(properties.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(
                    s -> s.enabled(true).attributeName(ttl.get("AttributeName").toString())));
        }
        return name;
    }

    private static List<AttributeDefinition> attributeDefinitions(Object value) {
        return SamTemplate.list(value).stream().map(SamTemplate::map)
                .map(a -> AttributeDefinition.builder()
                        .attributeName(a.get("AttributeName").toString())
                        .attributeType(a.get("AttributeType").toString())
                        .build())
                .toList();
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return SamTemplate.list(value).stream().map(SamTemplate::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(k.get("AttributeName").toString())
                        .keyType(k.get("KeyType").toString())
                        .build())
                .toList();
    }

    /** A generated secret, as GenerateSecretString would make in AWS: a fresh dev key per stack. */
    private static String createSecret(SecretsManagerClient secrets, String name) {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        try {
            return secrets.createSecret(r -> r.name(name).secretString(HexFormat.of().formatHex(random))).arn();
        } catch (ResourceExistsException alreadyThere) {
            return secrets.describeSecret(r -> r.secretId(name)).arn();
        }
    }

    /** Each function's environment as template.yaml sets it (Globals first, then its own). */
    public Map<String, Map<String, String>> functionEnvironments(LocalResources resources) {
        Intrinsics intrinsics = new Intrinsics(resources, parameters());
        Map<String, Object> globalVariables = SamTemplate.map(SamTemplate.map(template.globals("Function")
                .get("Environment")).get("Variables"));
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> own = SamTemplate.map(SamTemplate.map(SamTemplate.map(resource.get("Properties"))
                    .get("Environment")).get("Variables"));
            Map<String, String> env = new HashMap<>();
            globalVariables.forEach((k, v) -> env.put(k, intrinsics.resolve(v)));
            own.forEach((k, v) -> env.put(k, intrinsics.resolve(v)));
            out.put(id, env);
        });
        return out;
    }
}
