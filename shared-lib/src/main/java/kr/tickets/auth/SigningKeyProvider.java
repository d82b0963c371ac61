package kr.tickets.auth;

import io.jsonwebtoken.security.Keys;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The HMAC key that signs tokens, read once per container from Secrets Manager (the secret
 * that template.yaml generates; locally the provisioner generates a dev key). Never in code.
 */
@Singleton
@Requires(classes = SecretsManagerClient.class)
@Requires(property = "jwt.secret.arn")
public class SigningKeyProvider {
    private final SecretsManagerClient secrets;
    private final String secretId;
    private volatile SecretKey key;

    public SigningKeyProvider(SecretsManagerClient secrets, @Value("${jwt.secret.arn}") String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    public SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            String secret = secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("the JWT signing secret must have at least 256 bits");
            }
            current = Keys.hmacShaKeyFor(bytes);
            key = current;
        }
        return current;
    }
}
