package kr.tickets.aws;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, built once per container. Region, credentials and endpoint come from the
 * default chains (AWS_REGION, the Lambda role, AWS_ENDPOINT_URL locally), so the same code
 * talks to AWS or to the local stack. The URL-connection HTTP client keeps cold starts short.
 */
@Factory
public class AwsClientsFactory {
    @Singleton
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    SecretsManagerClient secretsManagerClient() {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    SfnClient sfnClient() {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    SqsClient sqsClient() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    SesV2Client sesV2Client() {
        return SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
