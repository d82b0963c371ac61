package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class SigningKeyProviderTest {

    /** An in-memory Secrets Manager holding one secret; it records which ids were asked for. */
    private static final class FakeSecrets implements SecretsManagerClient {
        private final String secret;
        final List<String> requested = new ArrayList<>();

        FakeSecrets(String secret) {
            this.secret = secret;
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            requested.add(request.secretId());
            return GetSecretValueResponse.builder().name(request.secretId()).secretString(secret).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void keyIsTheConfiguredSecretsBytes() {
        String secret = "x".repeat(32);
        FakeSecrets secrets = new FakeSecrets(secret);

        SigningKeyProvider provider = new SigningKeyProvider(secrets, "arn:aws:secretsmanager:jwt");

        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), provider.key().getEncoded());
        assertEquals(List.of("arn:aws:secretsmanager:jwt"), secrets.requested);
    }

    @Test
    void secretIsReadOnlyOncePerContainer() {
        FakeSecrets secrets = new FakeSecrets("y".repeat(48));
        SigningKeyProvider provider = new SigningKeyProvider(secrets, "jwt");

        assertSame(provider.key(), provider.key());
        assertEquals(1, secrets.requested.size());
    }

    @Test
    void secretShorterThan256BitsIsRefused() {
        SigningKeyProvider provider = new SigningKeyProvider(new FakeSecrets("z".repeat(31)), "jwt");
        assertThrows(IllegalStateException.class, provider::key);
    }
}
