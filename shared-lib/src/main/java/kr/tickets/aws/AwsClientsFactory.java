package kr.tickets.aws;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, built once per container and only when a bean asks for one (singletons are
 * lazy). Region, credentials and endpoint come from the default chains (AWS_REGION, the Lambda
 * role, AWS_ENDPOINT_URL locally), so the same code talks to AWS or to the local stack. The
 * URL-connection HTTP client keeps cold starts short.
 *
 * <p>Each service's SDK module is optional in shared-lib: a function's pom declares the ones it
 * uses, and each factory below exists only where its module is on the class path
 * ({@code @Requires(classes = ...)}), as do the beans that use its client. So a function carries
 * and builds only its own clients (the health function: DynamoDB alone, for the last clock check).
 * One factory per service, so that no factory's class names a client a function does not have.
 */
public final class AwsClientsFactory {
    private AwsClientsFactory() {
    }

    @Factory
    @Requires(classes = DynamoDbClient.class)
    static class DynamoDb {
        @Singleton
        DynamoDbClient dynamoDbClient() {
            return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
    }

    @Factory
    @Requires(classes = SecretsManagerClient.class)
    static class SecretsManager {
        @Singleton
        SecretsManagerClient secretsManagerClient() {
            return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
    }

    @Factory
    @Requires(classes = SfnClient.class)
    static class StepFunctions {
        @Singleton
        SfnClient sfnClient() {
            // StartSyncExecution goes to sync-states.<region>: the SDK puts "sync-" before the host. An
            // endpoint of its own (the local stack, AWS_ENDPOINT_URL) answers every call on one host.
            boolean ownEndpoint = System.getenv("AWS_ENDPOINT_URL") != null || System.getProperty("aws.endpointUrl") != null;
            return SfnClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                            ownEndpoint))
                    .build();
        }
    }

    @Factory
    @Requires(classes = SqsClient.class)
    static class Sqs {
        @Singleton
        SqsClient sqsClient() {
            return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
    }

    @Factory
    @Requires(classes = SesV2Client.class)
    static class Ses {
        @Singleton
        SesV2Client sesV2Client() {
            return SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
    }
}
