package kr.tickets.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper-evident pagination cursors: {@code base64url(payload) "." base64url(HMAC-SHA256)}.
 * The MAC covers a purpose (which list, which sort, and for a per-user list whose list) and
 * the payload, so an edited, forged or borrowed cursor is refused before it could reach
 * DynamoDB as an ExclusiveStartKey. The payload is only signed, not hidden: put nothing secret in it.
 *
 * <pre>{@code String next = cursors.sign("performances:latest", keyJson);
 * String keyJson = cursors.verify("performances:latest", next).orElseThrow(...);}</pre>
 */
public final class CursorSigner {
    /** Longer than any cursor we hand out; a longer one is refused unread. */
    public static final int MAX_LENGTH = 2048;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public CursorSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cursor signing key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String sign(String purpose, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(purpose, bytes));
    }

    /** The payload of a cursor this signer made for {@code purpose}; empty for anything else. */
    public Optional<String> verify(String purpose, String cursor) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot < 0 || cursor.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] tag = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            // Base64 decoders ignore some trailing bits; re-encoding makes every cursor have one spelling.
            if (!MessageDigest.isEqual(mac(purpose, payload), tag)
                    || !(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag)).equals(cursor)) {
                return Optional.empty();
            }
            return Optional.of(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
