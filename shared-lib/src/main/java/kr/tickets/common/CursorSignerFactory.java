package kr.tickets.common;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The cursor key: the CursorSigningSecret of template.yaml (CURSOR_SECRET_ARN), read once per
 * container; locally the provisioner generates it. A key of its own, so a function that only
 * pages a list cannot sign tokens.
 */
@Factory
public class CursorSignerFactory {
    @Singleton
    @Requires(classes = SecretsManagerClient.class)
    @Requires(property = "cursor.secret.arn")
    CursorSigner cursorSigner(SecretsManagerClient secrets, @Value("${cursor.secret.arn}") String secretId) {
        return new CursorSigner(secrets.getSecretValue(r -> r.secretId(secretId)).secretString()
                .getBytes(StandardCharsets.UTF_8));
    }
}
