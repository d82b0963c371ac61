package kr.tickets.localstack;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients for the local stack, and the JVM-wide settings that make the project's own
 * clients (built with the default chains, as in Lambda) reach it: {@code aws.endpointUrl},
 * {@code aws.region} and dummy credentials — the system-property forms of AWS_ENDPOINT_URL,
 * AWS_REGION and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
 */
public final class AwsLocal {
    private AwsLocal() {
    }

    public static void pointDefaultClientsAt(String endpoint) {
        System.setProperty("aws.endpointUrl", endpoint);
        System.setProperty("aws.region", Intrinsics.REGION);
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    public static DynamoDbClient dynamo(String endpoint) {
        return local(DynamoDbClient.builder(), endpoint);
    }

    /** A DynamoDB client whose requests also pass through {@code interceptors} (a benchmark counting them). */
    public static DynamoDbClient dynamo(String endpoint, ExecutionInterceptor... interceptors) {
        return local(DynamoDbClient.builder().overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))),
                endpoint);
    }

    public static SecretsManagerClient secrets(String endpoint) {
        return local(SecretsManagerClient.builder(), endpoint);
    }

    public static SqsClient sqs(String endpoint) {
        return local(SqsClient.builder(), endpoint);
    }

    /** Without the "sync-" host prefix StartSyncExecution would put before 127.0.0.1. */
    public static SfnClient sfn(String endpoint) {
        return local(SfnClient.builder().overrideConfiguration(o -> o.putAdvancedOption(
                SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)), endpoint);
    }

    public static SesV2Client sesv2(String endpoint) {
        return local(SesV2Client.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C local(B builder,
                                                                                            String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
