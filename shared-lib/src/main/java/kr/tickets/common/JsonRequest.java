package kr.tickets.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JSON request body read strictly: size, media type and syntax are checked first, then
 * each field is read with its type, and every problem is collected so that one 400 names
 * all invalid fields at once.
 *
 * <pre>{@code
 * JsonRequest body = JsonRequest.parse(rawBody, contentType);
 * String email = body.requiredString("email", 254);
 * body.throwIfInvalid();
 * }</pre>
 */
public final class JsonRequest {
    /** Far above any legitimate body of this API, far below API Gateway's 10 MB. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonRequest(JsonNode root) {
        this.root = root;
    }

    public static JsonRequest parse(String body, String contentType) {
        return parse(body, contentType, MAX_BODY_BYTES);
    }

    /** As {@link #parse(String, String)} with a larger limit, for bodies such as a hall's seat grades. */
    public static JsonRequest parse(String body, String contentType, int maxBytes) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "MALFORMED_JSON", "A JSON object body is required.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "The body exceeds " + maxBytes + " bytes.");
        }
        if (!isJson(contentType)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "MALFORMED_JSON", "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "MALFORMED_JSON", "The body must be a JSON object.");
        }
        return new JsonRequest(root);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    public boolean has(String field) {
        return root.has(field) && !root.get(field).isNull();
    }

    /** The field's text, or null (with an error recorded) when missing, blank, not a string or too long. */
    public String requiredString(String field, int maxLength) {
        if (!has(field)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return string(field, maxLength);
    }

    /** The field's text, or null when absent; an error is recorded when present but invalid. */
    public String optionalString(String field, int maxLength) {
        return has(field) ? string(field, maxLength) : null;
    }

    private String string(String field, int maxLength) {
        JsonNode node = root.get(field);
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (characters(value) > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    /**
     * The length of {@code text} in characters as JSON Schema's maxLength counts them (code
     * points): an emoji is one character, as docs/openapi.yaml promises, not Java's two UTF-16 units.
     */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The field as parsed JSON, for values whose type is the caller's to check. */
    public JsonNode node(String field) {
        return root.get(field);
    }

    /** Records {@code problem} for the field, if there is one (a rule check's answer, null when fine). */
    public void rejectIf(String field, String problem) {
        if (problem != null) {
            reject(field, problem);
        }
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws 400 VALIDATION_FAILED naming every invalid field, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
