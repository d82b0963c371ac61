package kr.tickets.localstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static SecretsManagerClient secrets(String endpoint) {
        return SecretsManagerClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
