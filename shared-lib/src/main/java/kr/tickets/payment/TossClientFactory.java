package kr.tickets.payment;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Toss client of the booking saga. The secret key is read once per container from Secrets
 * Manager (TOSS_SECRET_ARN), never from code, configuration files or logs.
 */
@Factory
@Requires(classes = SecretsManagerClient.class)
@Requires(property = "toss.secret.arn")
public class TossClientFactory {
    /** Connect + read stay well under the step function's timeout, so a slow Toss is a retry, not a lost step. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    TossPaymentsClient tossPaymentsClient(SecretsManagerClient secrets, @Value("${toss.secret.arn}") String secretArn,
                                          @Value("${toss.api.base.url}") String baseUrl) {
        String secretKey = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        return new TossPaymentsClient(baseUrl, secretKey, CONNECT_TIMEOUT, READ_TIMEOUT);
    }
}
