package kr.tickets.web;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import kr.tickets.ratelimit.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The client address of a request for the per-address limits ({@link ClientAddress}): the
 * viewer's address CloudFront reports when the request carries the origin secret CloudFront adds
 * (the OriginVerifySecret of template.yaml, read once per container from Secrets Manager),
 * else API Gateway's sourceIp. Without {@code ORIGIN_VERIFY_SECRET_ARN} the header is never believed.
 */
@Singleton
public class ClientAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAddresses.class);

    private final BeanProvider<SecretsManagerClient> secrets;
    private final String secretArn;
    private volatile String secret;

    public ClientAddresses(BeanProvider<SecretsManagerClient> secrets,
                           @Value("${origin.verify.secret.arn:}") String secretArn) {
        this.secrets = secrets;
        this.secretArn = secretArn;
    }

    /** The key the request's client is counted under ({@link ClientAddress#counted}: IPv6 by its /64). */
    public String of(HttpRequest<?> request) {
        String source = Requests.clientAddress(request);
        String expected = secret();
        if (expected.isEmpty()) {
            return ClientAddress.counted(source);
        }
        return ClientAddress.counted(ClientAddress.resolve(source, request.getHeaders().get(ClientAddress.VIEWER_HEADER),
                request.getHeaders().get(ClientAddress.VERIFY_HEADER), expected));
    }

    private String secret() {
        String current = secret;
        if (current != null) {
            return current;
        }
        if (secretArn == null || secretArn.isBlank()) {
            secret = "";
            return "";
        }
        try {
            current = secrets.get().getSecretValue(r -> r.secretId(secretArn)).secretString();
        } catch (RuntimeException e) {
            // Counting the edge's address for a moment is better than failing the request; the next one retries.
            LOG.warn("origin secret unreadable; counting the source address", e);
            return "";
        }
        secret = current == null ? "" : current;
        return secret;
    }
}
