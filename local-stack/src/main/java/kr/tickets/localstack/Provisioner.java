package kr.tickets.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates in moto the resources template.yaml declares, so the local stack has no second,
 * hand-written list: tables, secrets, SQS queues, SES identities and Step Functions state
 * machines, and the names and ARNs of the functions. A resource's physical name is its logical
 * id (the template leaves names to CloudFormation). Creating twice is harmless. The types left
 * out on purpose are listed in {@link #NOT_EMULATED}; any other type is refused.
 *
 * <p>Order matters, as in CloudFormation: tables, secrets, functions and queues (a queue after
 * its dead-letter queue) come before the state machines whose definition substitutions refer
 * to them, and function environments ({@link #functionEnvironments}) are resolved last.
 */
public final class Provisioner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SAM's DefinitionSubstitutions placeholders: ${Name}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    /** AWS::SQS::Queue properties that are queue attributes of the same name. */
    private static final Set<String> QUEUE_ATTRIBUTES = Set.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled");
    /** AWS::SQS::Queue properties whose value is a JSON document. */
    private static final Set<String> QUEUE_JSON_ATTRIBUTES = Set.of("RedrivePolicy", "RedriveAllowPolicy");
    /** The resource types {@link #provision} creates in moto or registers (functions). */
    static final Set<String> PROVISIONED = Set.of("AWS::DynamoDB::Table", "AWS::SecretsManager::Secret",
            "AWS::SQS::Queue", "AWS::SES::EmailIdentity", "AWS::Serverless::StateMachine", "AWS::Serverless::Function");
    /**
     * Resource types deliberately left out locally, because no code and no test reads them: the
     * API (the local runner plays it from the functions' events, and the seat map's CloudFront
     * distribution by collapsing concurrent cache misses of its paths), the web app's hosting (its
     * bucket, CloudFront's pieces: the local runner serves web/dist itself), observability (log groups,
     * alarms, the dashboard, the alert topic and its key; local logs go to the console) and IAM
     * (moto does not enforce it). Any other type is refused, so a new kind of resource is a
     * decision rather than a silent gap.
     */
    static final Set<String> NOT_EMULATED = Set.of("AWS::Serverless::Api", "AWS::ApiGateway::Account",
            "AWS::CloudFront::Distribution", "AWS::CloudFront::CachePolicy", "AWS::CloudFront::Function",
            "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::ResponseHeadersPolicy",
            "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
            "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::SNS::Topic",
            "AWS::SNS::Subscription", "AWS::KMS::Key", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy");

    private final SamTemplate template;
    private final String endpoint;
    private final Map<String, String> parameterOverrides;
    private final Map<String, String> secretValues;

    public Provisioner(SamTemplate template, String endpoint) {
        this(template, endpoint, Map.of(), Map.of());
    }

    /**
     * @param parameterOverrides template parameter → value, instead of its Default (as
     *                           {@code sam deploy --parameter-overrides})
     * @param secretValues       logical id of an AWS::SecretsManager::Secret → the secret string it
     *                           holds, instead of a generated one (e.g. TossSecretKey → a test key)
     */
    public Provisioner(SamTemplate template, String endpoint, Map<String, String> parameterOverrides,
                       Map<String, String> secretValues) {
        this.template = template;
        this.endpoint = endpoint;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        this.secretValues = Map.copyOf(secretValues);
        parameterOverrides.keySet().forEach(name -> {
            if (!template.parameters().containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
        });
        secretValues.keySet().forEach(id -> {
            if (!template.resourcesOfType("AWS::SecretsManager::Secret").containsKey(id)) {
                throw new IllegalArgumentException("template.yaml has no AWS::SecretsManager::Secret " + id);
            }
        });
    }

    public LocalResources provision() {
        template.resources().forEach((id, resource) -> {
            Object type = resource.get("Type");
            if (!PROVISIONED.contains(type) && !NOT_EMULATED.contains(type)) {
                throw new IllegalArgumentException(id + ": resource type " + type
                        + " is neither provisioned locally nor deliberately left out (Provisioner.NOT_EMULATED)");
            }
        });
        LocalResources resources = new LocalResources();
        Intrinsics intrinsics = new Intrinsics(resources, parameters());
        try (DynamoDbClient dynamo = AwsLocal.dynamo(endpoint); SecretsManagerClient secrets = AwsLocal.secrets(endpoint);
             SqsClient sqs = AwsLocal.sqs(endpoint); SesV2Client ses = AwsLocal.sesv2(endpoint);
             SfnClient sfn = AwsLocal.sfn(endpoint)) {
            template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) ->
                    resources.put(id, createTable(dynamo, id, SamTemplate.map(resource.get("Properties"))),
                            Map.of("Arn", arn("dynamodb", "table/" + id))));
            template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, resource) ->
                    resources.put(id, createSecret(secrets, id, secretValues.get(id)), Map.of()));
            registerFunctions(resources);
            createQueues(sqs, resources, intrinsics);
            template.resourcesOfType("AWS::SES::EmailIdentity").forEach((id, resource) -> {
                String identity = intrinsics.resolve(SamTemplate.map(resource.get("Properties")).get("EmailIdentity"));
                try {
                    ses.createEmailIdentity(r -> r.emailIdentity(identity));
                } catch (AlreadyExistsException alreadyThere) {
                    // Verified already.
                }
                resources.put(id, identity, Map.of());
            });
            Map<String, Map<String, Object>> machines = template.resourcesOfType("AWS::Serverless::StateMachine");
            if (!machines.isEmpty()) {
                enableStateMachineExecution();
            }
            machines.forEach((id, resource) -> createStateMachine(sfn, resources, intrinsics, id,
                    SamTemplate.map(resource.get("Properties"))));
        }
        return resources;
    }

    /** Template parameters: the overrides given, else each parameter's Default. */
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        template.parameters().forEach((name, spec) -> {
            Object fallback = SamTemplate.map(spec).get("Default");
            if (parameterOverrides.containsKey(name)) {
                out.put(name, parameterOverrides.get(name));
            } else if (fallback != null) {
                out.put(name, fallback);
            }
        });
        return out;
    }

    /**
     * Functions are not created in moto (the local runner hosts them) but their names and ARNs
     * are known: {@code !Ref F} is the name, {@code !GetAtt F.Arn} the ARN, and {@code !Ref F.Alias}
     * the ARN of the AutoPublishAlias (SAM's {@code F.Alias} reference).
     */
    private void registerFunctions(LocalResources resources) {
        Object globalAlias = template.globals("Function").get("AutoPublishAlias");
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
            String name = properties.containsKey("FunctionName") ? properties.get("FunctionName").toString() : id;
            String arn = arn("lambda", "function:" + name);
            resources.put(id, name, Map.of("Arn", arn));
            Object alias = properties.getOrDefault("AutoPublishAlias", globalAlias);
            if (alias != null) {
                resources.put(id + ".Alias", arn + ":" + alias, Map.of());
            }
        });
    }

    /** Every AWS::SQS::Queue, each after the queues its properties refer to (its dead-letter queue). */
    private void createQueues(SqsClient sqs, LocalResources resources, Intrinsics intrinsics) {
        Map<String, Map<String, Object>> pending = new LinkedHashMap<>(template.resourcesOfType("AWS::SQS::Queue"));
        while (!pending.isEmpty()) {
            String next = pending.keySet().stream()
                    .filter(id -> Intrinsics.references(pending.get(id).get("Properties")).stream()
                            .noneMatch(pending::containsKey))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("queues refer to each other in a cycle: "
                            + pending.keySet()));
            createQueue(sqs, resources, intrinsics, next, SamTemplate.map(pending.remove(next).get("Properties")));
        }
    }

    private static void createQueue(SqsClient sqs, LocalResources resources, Intrinsics intrinsics, String id,
                                    Map<String, Object> properties) {
        String name = properties.containsKey("QueueName") ? intrinsics.resolve(properties.get("QueueName")) : id;
        Map<String, String> attributes = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            if (QUEUE_ATTRIBUTES.contains(property)) {
                attributes.put(property, intrinsics.resolve(value));
            } else if (QUEUE_JSON_ATTRIBUTES.contains(property)) {
                attributes.put(property, resolvedJson(intrinsics, value));
            } else if (!property.equals("QueueName") && !property.equals("Tags")) {
                throw new IllegalArgumentException(id + ": queue property " + property + " is not supported locally");
            }
        });
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
        resources.put(id, url, Map.of("Arn", arn("sqs", name), "QueueName", name, "QueueUrl", url));
    }

    /** A JSON-valued property (RedrivePolicy) with its intrinsics resolved, numbers kept numbers. */
    private static String resolvedJson(Intrinsics intrinsics, Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        SamTemplate.map(value).forEach((key, item) -> out.put(key,
                item instanceof Number || item instanceof Boolean ? item : intrinsics.resolve(item)));
        try {
            return JSON.writeValueAsString(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** moto runs state machines only when asked (LOCAL-STACK.md); config survives a reset. */
    private void enableStateMachineExecution() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/config"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stepfunctions\":{\"execute_state_machine\":true}}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto refused its config: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot configure moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An AWS::Serverless::StateMachine from its DefinitionUri (relative to the project root) or
     * inline Definition, with DefinitionSubstitutions applied as SAM does: each {@code ${Name}}
     * becomes the resolved value. A placeholder left without a value is an error.
     */
    private void createStateMachine(SfnClient sfn, LocalResources resources, Intrinsics intrinsics, String id,
                                    Map<String, Object> properties) {
        String definition = substitute(id, definition(id, properties), properties, intrinsics);
        String name = properties.containsKey("Name") ? intrinsics.resolve(properties.get("Name")) : id;
        String role = properties.containsKey("Role") ? intrinsics.resolve(properties.get("Role"))
                : "arn:aws:iam::" + Intrinsics.ACCOUNT + ":role/" + id;
        String type = String.valueOf(properties.getOrDefault("Type", "STANDARD"));
        String arn = sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(role).type(type))
                .stateMachineArn();
        // moto returns an existing machine of that name unchanged: make its definition current.
        if (!definition.equals(sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition())) {
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(definition).roleArn(role));
        }
        resources.put(id, arn, Map.of("Arn", arn, "Name", name));
    }

    private static String definition(String id, Map<String, Object> properties) {
        Object uri = properties.get("DefinitionUri");
        Object inline = properties.get("Definition");
        try {
            if (uri instanceof String path) {
                return Files.readString(ProjectPaths.root().resolve(path));
            }
            if (inline instanceof Map<?, ?>) {
                return JSON.writeValueAsString(inline);
            }
        } catch (IOException e) {
            throw new IllegalStateException(id + ": cannot read its definition", e);
        }
        throw new IllegalArgumentException(id + ": only a local DefinitionUri or an inline Definition is supported");
    }

    private static String substitute(String id, String definition, Map<String, Object> properties,
                                     Intrinsics intrinsics) {
        Map<String, Object> substitutions = SamTemplate.map(properties.get("DefinitionSubstitutions"));
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!substitutions.containsKey(name)) {
                throw new IllegalArgumentException(id + ": the definition uses ${" + name
                        + "} but DefinitionSubstitutions does not set it");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(intrinsics.resolve(substitutions.get(name))));
        }
        matcher.appendTail(out);
        return out.toString();
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

    /**
     * The secret string given for it, or a generated one as GenerateSecretString would make in
     * AWS: a fresh dev key per stack.
     */
    private static String createSecret(SecretsManagerClient secrets, String name, String value) {
        String secret = value;
        if (secret == null) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        String string = secret;
        try {
            return secrets.createSecret(r -> r.name(name).secretString(string)).arn();
        } catch (ResourceExistsException alreadyThere) {
            if (value != null) {
                secrets.putSecretValue(r -> r.secretId(name).secretString(string));
            }
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
