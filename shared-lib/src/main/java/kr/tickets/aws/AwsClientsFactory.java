package kr.tickets.aws;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, built once per container and only when a bean asks for one (singletons are
 * lazy). Region and credentials come from the environment Lambda sets ({@link #configure}), the
 * endpoint from the SDK's default (AWS_ENDPOINT_URL locally), so the same code talks to AWS or to
 * the local stack. The URL-connection HTTP client keeps cold starts short.
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

    /**
     * The region and credentials Lambda sets in the environment (AWS_REGION, AWS_ACCESS_KEY_ID,
     * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; the local stack sets their system-property forms),
     * named explicitly: the SDK's default chains would first load the machinery of profile files,
     * container and instance metadata that a Lambda function never uses, on every cold start.
     */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                .credentialsProvider(AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create()));
    }

    @Factory
    @Requires(classes = DynamoDbClient.class)
    static class DynamoDb {
        @Singleton
        DynamoDbClient dynamoDbClient() {
            return configure(DynamoDbClient.builder()).build();
        }
    }

    @Factory
    @Requires(classes = SecretsManagerClient.class)
    static class SecretsManager {
        @Singleton
        SecretsManagerClient secretsManagerClient() {
            return configure(SecretsManagerClient.builder()).build();
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
            return configure(SfnClient.builder())
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
            return configure(SqsClient.builder()).build();
        }
    }

    @Factory
    @Requires(classes = SesV2Client.class)
    static class Ses {
        @Singleton
        SesV2Client sesV2Client() {
            return configure(SesV2Client.builder()).build();
        }
    }
}
